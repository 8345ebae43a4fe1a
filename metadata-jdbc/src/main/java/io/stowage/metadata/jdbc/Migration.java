package io.stowage.metadata.jdbc;

import java.util.List;

/**
 * One forward step of the schema: the statements that take it from {@code version - 1} to {@code version}, as
 * {@link SqlTemplate templates} that every engine renders with its own dialect.
 */
public record Migration(int version, List<String> templates) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1");
        }
        templates = List.copyOf(templates);
    }

    /** The statements as {@code dialect} runs them. */
    public List<String> statements(SqlDialect dialect) {
        return templates.stream().map(template -> SqlTemplate.render(template, dialect)).toList();
    }
}
