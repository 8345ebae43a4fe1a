package io.stowage.metadata.jdbc;

import io.stowage.metadata.Grant;
import io.stowage.metadata.NamespaceIndex;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RepositoryRule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link NamespaceIndex} on {@code namespaces}, {@code grants} and {@code repository_rules}.
 *
 * <p>Deleting a namespace deletes its lifecycle policies ({@link JdbcPolicyIndex}) too.
 *
 * <p>With concurrent writers (PostgreSQL at read committed) a grant or rule must not outlive its namespace or its
 * user or robot. Adding one therefore holds a shared lock on the namespace's row and then on the account's row until
 * it commits; deleting a namespace (or account) first locks its row exclusively, then removes what names it. Either
 * the add waits and then finds the row gone (and writes nothing), or the delete waits and then removes the new row
 * too. Locks are always taken namespace first, account second.
 */
final class JdbcNamespaceIndex implements NamespaceIndex {

    private static final Comparator<Grant> BY_KIND_THEN_PRINCIPAL =
            Comparator.comparing(Grant::kind).thenComparing(Grant::principal);

    private final Transactions transactions;
    private final SqlDialect dialect;

    JdbcNamespaceIndex(Transactions transactions, SqlDialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    @Override
    public boolean create(NamespaceRecord namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return transactions.write("create namespace", c -> NamespacesTable.insert(c, namespace));
    }

    @Override
    public Optional<NamespaceRecord> find(String name) {
        Objects.requireNonNull(name, "name");
        return transactions.read("find namespace", c -> NamespacesTable.find(c, name));
    }

    @Override
    public List<NamespaceRecord> list(String after, int limit) {
        Limits.check(limit);
        return transactions.read("list namespaces", c -> NamespacesTable.list(c, after, limit));
    }

    @Override
    public boolean setPublic(String name, boolean publicPull) {
        Objects.requireNonNull(name, "name");
        return transactions.write("set namespace public", c -> NamespacesTable.setPublic(c, name, publicPull));
    }

    @Override
    public boolean delete(String name) {
        Objects.requireNonNull(name, "name");
        return transactions.write("delete namespace", c -> {
            if (!NamespacesTable.lockForDelete(c, dialect, name)) {
                return false;
            }
            GrantsTable.deleteAllIn(c, name);
            RepositoryRulesTable.deleteAllIn(c, name);
            // Its quota is a column of its row and goes with it.
            ImmutabilityRulesTable.deleteAllIn(c, name);
            RetentionPoliciesTable.deleteAllIn(c, name);
            return NamespacesTable.delete(c, name);
        });
    }

    @Override
    public boolean grant(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        return transactions.write("grant role", c -> {
            if (!lockTargets(c, grant.namespace(), grant.kind(), grant.principal())) {
                return false;
            }
            GrantsTable.upsert(c, grant);
            return true;
        });
    }

    @Override
    public boolean revoke(String namespace, PrincipalKind kind, String principal) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(principal, "principal");
        return transactions.write("revoke role", c -> GrantsTable.delete(c, namespace, kind, principal));
    }

    @Override
    public List<Grant> grants(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return transactions.read("list grants of namespace", c -> GrantsTable.in(c, namespace)).stream()
                .sorted(BY_KIND_THEN_PRINCIPAL).toList();
    }

    @Override
    public List<Grant> grantsOf(PrincipalKind kind, String principal) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(principal, "principal");
        return transactions.read("list grants of principal", c -> GrantsTable.of(c, kind, principal));
    }

    @Override
    public OptionalLong addRule(RepositoryRule rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule.id() != 0) {
            throw new IllegalArgumentException("the store assigns a rule's id: add it with id 0");
        }
        return transactions.write("add repository rule", c -> lockTargets(c, rule.namespace(), rule.kind(),
                rule.principal()) ? OptionalLong.of(RepositoryRulesTable.insert(c, rule)) : OptionalLong.empty());
    }

    @Override
    public boolean removeRule(long id) {
        return transactions.write("remove repository rule", c -> RepositoryRulesTable.delete(c, id));
    }

    @Override
    public List<RepositoryRule> rules(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return transactions.read("list repository rules", c -> RepositoryRulesTable.in(c, namespace));
    }

    /**
     * Whether the namespace and the principal exist, holding both against deletion until the transaction ends. A
     * group is only a name and always exists.
     */
    private boolean lockTargets(Connection c, String namespace, PrincipalKind kind, String principal)
            throws SQLException {
        if (!NamespacesTable.lockIfPresent(c, dialect, namespace)) {
            return false;
        }
        return switch (kind) {
            case USER -> UsersTable.lockIfPresent(c, dialect, principal);
            case ROBOT -> RobotsTable.lockIfPresent(c, dialect, principal);
            case GROUP -> true;
        };
    }
}
