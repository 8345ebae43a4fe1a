package io.stowage.metadata.postgres;

import java.sql.SQLException;

/** PostgreSQL error codes (SQLSTATE) that this store reacts to. */
final class SqlStates {

    /** Another transaction's commit made this one unserializable; it may succeed if run again. */
    static final String SERIALIZATION_FAILURE = "40001";
    /** This transaction was chosen to break a deadlock; it may succeed if run again. */
    static final String DEADLOCK_DETECTED = "40P01";

    /** Whether running the same transaction again may succeed. */
    static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state);
    }

    private SqlStates() {
    }
}
