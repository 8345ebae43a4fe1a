package io.stowage.metadata.jdbc;

import io.stowage.metadata.ImmutabilityRule;
import io.stowage.metadata.Namespaces;
import io.stowage.metadata.PolicyIndex;
import io.stowage.oci.RepositoryName;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@link PolicyIndex} on {@code immutability_rules} and the {@code quota_bytes} column of {@code namespaces}. As with
 * grants ({@link JdbcNamespaceIndex}), adding a rule holds a shared lock on its namespace's row until it commits, so
 * it cannot outlive a namespace deleted at the same moment; a quota is a column of that row and goes with it.
 */
final class JdbcPolicyIndex implements PolicyIndex {

    private final Transactions transactions;
    private final SqlDialect dialect;

    JdbcPolicyIndex(Transactions transactions, SqlDialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    @Override
    public OptionalLong addImmutabilityRule(ImmutabilityRule rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule.id() != 0) {
            throw new IllegalArgumentException("the store assigns a rule's id: add it with id 0");
        }
        return transactions.write("add immutability rule", c -> NamespacesTable.lockIfPresent(c, dialect,
                rule.namespace()) ? OptionalLong.of(ImmutabilityRulesTable.insert(c, rule)) : OptionalLong.empty());
    }

    @Override
    public boolean removeImmutabilityRule(long id) {
        return transactions.write("remove immutability rule", c -> ImmutabilityRulesTable.delete(c, id));
    }

    @Override
    public List<ImmutabilityRule> immutabilityRules(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return transactions.read("list immutability rules", c -> ImmutabilityRulesTable.in(c, namespace));
    }

    @Override
    public List<ImmutabilityRule> immutabilityRulesCovering(RepositoryName repository) {
        List<String> covering = Namespaces.covering(repository);
        return transactions.read("list immutability rules covering a repository",
                c -> ImmutabilityRulesTable.inAny(c, covering));
    }

    @Override
    public boolean setQuota(String namespace, OptionalLong bytes) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.isPresent() && bytes.getAsLong() < 0) {
            throw new IllegalArgumentException("a quota is not negative");
        }
        Long stored = bytes.isPresent() ? bytes.getAsLong() : null;
        return transactions.write("set namespace quota", c -> NamespacesTable.setQuota(c, namespace, stored));
    }

    @Override
    public OptionalLong quota(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return transactions.read("find namespace quota", c -> NamespacesTable.quota(c, namespace));
    }
}
