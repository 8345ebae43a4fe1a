package io.stowage.metadata.jdbc;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlTemplateTest {

    /** A dialect whose every fragment is recognisable in the output. */
    private static final SqlDialect MARKED = new SqlDialect() {
        @Override
        public String generatedKey() {
            return "<key>";
        }

        @Override
        public String integer() {
            return "<integer>";
        }

        @Override
        public String text() {
            return "<text>";
        }

        @Override
        public String bytes() {
            return "<bytes>";
        }

        @Override
        public String caseFolded(String expression) {
            return "fold(" + expression + ")";
        }

        @Override
        public String lockShared() {
            return " <shared>";
        }

        @Override
        public String lockExclusive() {
            return " <exclusive>";
        }
    };

    @Test
    void placeholdersBecomeTheDialectsFragments() {
        assertThat(SqlTemplate.render("id {key}, n {integer}, s {text}, b {bytes}", MARKED))
                .isEqualTo("id <key>, n <integer>, s <text>, b <bytes>");
        assertThat(SqlTemplate.render("WHERE {fold:t.name} > {fold:?} ORDER BY {fold:t.name}", MARKED))
                .isEqualTo("WHERE fold(t.name) > fold(?) ORDER BY fold(t.name)");
    }

    @Test
    void textWithoutPlaceholdersIsUnchanged() {
        String sql = "SELECT 1 FROM tags WHERE name = ? AND x = '$1'";
        assertThat(SqlTemplate.render(sql, MARKED)).isEqualTo(sql);
    }

    @Test
    void anUnknownOrMalformedPlaceholderFailsInsteadOfReachingTheDatabase() {
        assertThatThrownBy(() -> SqlTemplate.render("x {blob}", MARKED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlTemplate.render("x {text:a}", MARKED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlTemplate.render("x {fold}", MARKED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlTemplate.render("x {text", MARKED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migrationsAreNumberedWithoutGapsAndRenderCompletely() {
        assertThat(Migrations.ALL).extracting(Migration::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, Migrations.ALL.size()).boxed().toList());
        assertThat(Schema.latestVersion()).isEqualTo(Migrations.ALL.size());
        for (Migration migration : Migrations.ALL) {
            assertThat(migration.statements(MARKED)).hasSameSizeAs(migration.templates())
                    .noneMatch(statement -> statement.contains("{") || statement.contains("}"));
        }
    }

    @Test
    void everyTextAndIntegerColumnOfEveryMigrationGoesThroughTheDialect() {
        String ddl = String.join("\n", Migrations.ALL.stream().flatMap(m -> m.statements(MARKED).stream()).toList());

        // A bare type would escape the dialect: on PostgreSQL, INTEGER is 32 bits and TEXT collates by locale.
        assertThat(ddl).doesNotContainPattern("\\b(TEXT|INTEGER|BIGINT|BLOB|BYTEA)\\b");
    }
}
