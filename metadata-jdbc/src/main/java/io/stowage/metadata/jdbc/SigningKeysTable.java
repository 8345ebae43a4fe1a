package io.stowage.metadata.jdbc;

import io.stowage.metadata.SigningKeyRecord;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries on {@code signing_keys}. */
final class SigningKeysTable {

    private static final String COLUMNS = "kid, algorithm, private_key_pem, created_at, retired_at";

    /** False when the kid is taken. */
    static boolean insert(Connection c, SigningKeyRecord key) throws SQLException {
        return Sql.update(c, "INSERT INTO signing_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (kid) DO NOTHING",
                key.kid(), key.algorithm(), key.privateKeyPem(), key.createdAt().toEpochMilli(),
                Columns.millisOrNull(key.retiredAt())) > 0;
    }

    static Optional<SigningKeyRecord> find(Connection c, String kid) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM signing_keys WHERE kid = ?", SigningKeysTable::record, kid);
    }

    /** Oldest first; keys created in the same millisecond in lexical order of kid. */
    static List<SigningKeyRecord> list(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM signing_keys ORDER BY created_at, kid",
                SigningKeysTable::record);
    }

    /** Only a key not yet retired: the first retirement's time stays. */
    static boolean retire(Connection c, String kid, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE signing_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL",
                at.toEpochMilli(), kid) > 0;
    }

    static boolean delete(Connection c, String kid) throws SQLException {
        return Sql.update(c, "DELETE FROM signing_keys WHERE kid = ?", kid) > 0;
    }

    private static SigningKeyRecord record(ResultSet row) throws SQLException {
        String kid = row.getString(1);
        String algorithm = row.getString(2);
        String pem = row.getString(3);
        Instant created = Columns.instant(row.getLong(4));
        Instant retired = Columns.instantOrNull(row, 5);
        return Columns.valid("signing key", () -> new SigningKeyRecord(kid, algorithm, pem, created, retired));
    }

    private SigningKeysTable() {
    }
}
