package io.stowage.http.metrics;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** The rules of the Prometheus text exposition format 0.0.4: names, escaping, sample lines. */
final class TextFormat {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** Orders series by their label values, so that every scrape lists them the same way. */
    static final Comparator<List<String>> LABEL_VALUES_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    static String requireMetricName(String name) {
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name: " + name);
        }
        return name;
    }

    static String requireHelp(String help) {
        if (help == null) {
            throw new IllegalArgumentException("a metric needs help text");
        }
        return help;
    }

    /** Label names: Prometheus reserves those starting with {@code __}. */
    static List<String> requireLabelNames(String... names) {
        List<String> list = List.of(names);
        for (String name : list) {
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                throw new IllegalArgumentException("invalid label name: " + name);
            }
        }
        if (list.stream().distinct().count() != list.size()) {
            throw new IllegalArgumentException("duplicate label name in " + list);
        }
        return list;
    }

    /** The label values of one sample, checked against the family's label names. */
    static List<String> labelValues(List<String> labelNames, String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException("expected values for " + labelNames + " but got " + values.length);
        }
        for (String value : values) {
            if (value == null) {
                throw new IllegalArgumentException("null label value for " + labelNames);
            }
        }
        return List.of(values);
    }

    static void writeHeader(Appendable out, String name, String help, String type) throws IOException {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** One sample line; {@code extraName}/{@code extraValue} (the histogram's {@code le}) come last when not null. */
    static void writeSample(Appendable out, String name, List<String> labelNames, List<String> labelValues,
                            String extraName, String extraValue, String value) throws IOException {
        out.append(name);
        if (!labelNames.isEmpty() || extraName != null) {
            out.append('{');
            String separator = "";
            for (int i = 0; i < labelNames.size(); i++) {
                out.append(separator).append(labelNames.get(i)).append("=\"")
                        .append(escapeLabelValue(labelValues.get(i))).append('"');
                separator = ",";
            }
            if (extraName != null) {
                out.append(separator).append(extraName).append("=\"").append(escapeLabelValue(extraValue)).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /**
     * Nanoseconds as seconds, exactly and in the shortest form ({@code 0.005}, {@code 1}, {@code 2.5}), which is how
     * the Go client writes bucket bounds; double arithmetic would print {@code 0.0050} or {@code 1.0E-4}.
     */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private TextFormat() {
    }
}
