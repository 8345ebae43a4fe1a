package io.stowage.metadata.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the shared SQL for one dialect. A template is plain SQL with a few placeholders: {@code {key}},
 * {@code {integer}}, {@code {text}}, {@code {bytes}} for column types and {@code {fold:expression}} for the tags'
 * case folding. Any other brace is a mistake in the template and fails loudly rather than reaching the database.
 */
final class SqlTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([^{}]+))?}");

    static String render(String template, SqlDialect dialect) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(sql, Matcher.quoteReplacement(fragment(matcher, dialect, template)));
        }
        matcher.appendTail(sql);
        String rendered = sql.toString();
        if (rendered.indexOf('{') >= 0 || rendered.indexOf('}') >= 0) {
            throw new IllegalArgumentException("malformed placeholder in SQL template: " + template);
        }
        return rendered;
    }

    private static String fragment(Matcher placeholder, SqlDialect dialect, String template) {
        String name = placeholder.group(1);
        String argument = placeholder.group(2);
        String fragment = switch (name) {
            case "key" -> argument == null ? dialect.generatedKey() : null;
            case "integer" -> argument == null ? dialect.integer() : null;
            case "text" -> argument == null ? dialect.text() : null;
            case "bytes" -> argument == null ? dialect.bytes() : null;
            case "fold" -> argument == null ? null : dialect.caseFolded(argument);
            default -> null;
        };
        if (fragment == null) {
            throw new IllegalArgumentException("unknown placeholder " + placeholder.group() + " in: " + template);
        }
        return fragment;
    }

    private SqlTemplate() {
    }
}
