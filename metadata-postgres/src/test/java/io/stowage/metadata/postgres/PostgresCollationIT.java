package io.stowage.metadata.postgres;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole contract again, on databases whose default collation is a natural-language one (ICU {@code en-US}: case
 * and punctuation order differ from code point order). Listing orders must not change: the store never relies on
 * the database default.
 *
 * <p>The C and POSIX libc locales are bytewise and prove nothing; this machine has no other libc locale
 * ({@code locale -a}: C, C.utf8, POSIX), so the test uses ICU, built into Debian's PostgreSQL. On a server without
 * ICU (or older than 15, which cannot make ICU a database default) the tests are skipped, saying so.
 */
class PostgresCollationIT extends PostgresContractBase {

    private static final String NATURAL_LANGUAGE_DATABASE =
            "TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'";

    @BeforeAll
    static void requireIcu() throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.adminSettings());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("""
                     SELECT current_setting('server_version_num')::int >= 150000
                        AND EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i')""")) {
            rows.next();
            assumeTrue(rows.getBoolean(1), "needs PostgreSQL 15+ with ICU for a non-C database collation");
        }
    }

    @Override
    protected PostgresSettings newDatabase() {
        return TestDatabases.newDatabase(NATURAL_LANGUAGE_DATABASE);
    }

    @Test
    void theDatabaseDefaultReallyIsNotCodePointOrder() throws SQLException {
        try (Connection c = TestDatabases.connect(settings); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT 'a' < 'B', 'a_b' < 'a-b', 'Latest' < 'latest'")) {
            rows.next();
            // In code point order all three are false.
            assertThat(rows.getBoolean(1)).isTrue();
            assertThat(rows.getBoolean(2)).isTrue();
            assertThat(rows.getBoolean(3)).isFalse();
            assertThat("a".compareTo("B")).isPositive();
            assertThat("a_b".compareTo("a-b")).isPositive();
        }
    }
}
