package io.stowage.metadata.jdbc;

import io.stowage.metadata.Lease;
import io.stowage.metadata.LeaseIndex;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link LeaseIndex} on the {@code leases} table. Taking a lease is one upsert whose update applies only when the
 * lease lapsed or is the caller's, so the database's uniqueness on the name decides races between nodes.
 */
final class JdbcLeaseIndex implements LeaseIndex {

    private static final RowMapper<Lease> LEASE = row -> new Lease(row.getString(1), row.getString(2),
            Columns.instant(row.getLong(3)));

    private final Transactions transactions;

    JdbcLeaseIndex(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean acquire(String name, String holder, Instant now, Duration duration) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(now, "now");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lease lasts a positive duration, not " + duration);
        }
        long expires = now.plus(duration).toEpochMilli();
        return transactions.write("acquire lease", c -> Sql.update(c, """
                INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE leases.holder = excluded.holder OR leases.expires_at <= ?""",
                name, holder, expires, now.toEpochMilli()) > 0);
    }

    @Override
    public boolean release(String name, String holder) {
        return transactions.write("release lease",
                c -> Sql.update(c, "DELETE FROM leases WHERE name = ? AND holder = ?", name, holder) > 0);
    }

    @Override
    public Optional<Lease> find(String name) {
        return transactions.read("find lease",
                c -> Sql.first(c, "SELECT name, holder, expires_at FROM leases WHERE name = ?", LEASE, name));
    }
}
