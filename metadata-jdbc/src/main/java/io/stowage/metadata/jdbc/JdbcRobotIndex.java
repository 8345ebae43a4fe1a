package io.stowage.metadata.jdbc;

import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RobotIndex;
import io.stowage.metadata.RobotRecord;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link RobotIndex} on {@code robots}; a delete locks the robot's row as {@link JdbcUserIndex} does a user's. */
final class JdbcRobotIndex implements RobotIndex {

    private final Transactions transactions;
    private final SqlDialect dialect;

    JdbcRobotIndex(Transactions transactions, SqlDialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    @Override
    public boolean create(RobotRecord robot) {
        Objects.requireNonNull(robot, "robot");
        return transactions.write("create robot", c -> RobotsTable.insert(c, robot));
    }

    @Override
    public Optional<RobotRecord> find(String name) {
        Objects.requireNonNull(name, "name");
        return transactions.read("find robot", c -> RobotsTable.find(c, name));
    }

    @Override
    public List<RobotRecord> list(String after, int limit) {
        Limits.check(limit);
        return transactions.read("list robots", c -> RobotsTable.list(c, after, limit));
    }

    @Override
    public boolean revoke(String name, Instant at) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        return transactions.write("revoke robot", c -> RobotsTable.revoke(c, name, at));
    }

    @Override
    public boolean delete(String name) {
        Objects.requireNonNull(name, "name");
        return transactions.write("delete robot", c -> {
            if (!RobotsTable.lockForDelete(c, dialect, name)) {
                return false;
            }
            GrantsTable.deleteAllOf(c, PrincipalKind.ROBOT, name);
            RepositoryRulesTable.deleteAllOf(c, PrincipalKind.ROBOT, name);
            return RobotsTable.delete(c, name);
        });
    }
}
