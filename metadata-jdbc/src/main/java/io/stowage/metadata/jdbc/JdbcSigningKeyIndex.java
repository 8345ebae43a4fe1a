package io.stowage.metadata.jdbc;

import io.stowage.metadata.SigningKeyIndex;
import io.stowage.metadata.SigningKeyRecord;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SigningKeyIndex} on {@code signing_keys}. Nothing else names a key, so each method is one statement. Failures
 * name the operation only (see {@link Transactions#failure}), so no private key reaches a message or a log line.
 */
final class JdbcSigningKeyIndex implements SigningKeyIndex {

    private final Transactions transactions;

    JdbcSigningKeyIndex(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean add(SigningKeyRecord key) {
        Objects.requireNonNull(key, "key");
        return transactions.write("add signing key", c -> SigningKeysTable.insert(c, key));
    }

    @Override
    public Optional<SigningKeyRecord> find(String kid) {
        Objects.requireNonNull(kid, "kid");
        return transactions.read("find signing key", c -> SigningKeysTable.find(c, kid));
    }

    @Override
    public List<SigningKeyRecord> list() {
        return transactions.read("list signing keys", SigningKeysTable::list);
    }

    @Override
    public boolean retire(String kid, Instant at) {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(at, "at");
        return transactions.write("retire signing key", c -> SigningKeysTable.retire(c, kid, at));
    }

    @Override
    public boolean delete(String kid) {
        Objects.requireNonNull(kid, "kid");
        return transactions.write("delete signing key", c -> SigningKeysTable.delete(c, kid));
    }
}
