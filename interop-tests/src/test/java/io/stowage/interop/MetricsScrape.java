package io.stowage.interop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape of {@code /metrics} (Prometheus text format 0.0.4) as series → value, in exposition order. A series is
 * named as it is written, {@code name{label="value",...}}, so tests build the names they expect with
 * {@link #series} and compare two scrapes with {@link #delta}: a registry shared by several tests has counts that
 * only the difference between two scrapes pins down.
 */
record MetricsScrape(Map<String, Double> samples) {

    MetricsScrape {
        samples = Collections.unmodifiableMap(new LinkedHashMap<>(samples));
    }

    static MetricsScrape parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // The value is the last field (the registry writes no timestamps); label values may contain spaces.
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                throw new AssertionError("malformed sample line: " + line);
            }
            String series = line.substring(0, space);
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException e) {
                throw new AssertionError("malformed sample value: " + line);
            }
            if (samples.put(series, value) != null) {
                throw new AssertionError("series written twice: " + series);
            }
        }
        return new MetricsScrape(samples);
    }

    /** {@code name{k1="v1",k2="v2"}} from {@code name, k1, v1, k2, v2}, labels in the order the registry writes them. */
    static String series(String name, String... labelPairs) {
        if (labelPairs.length == 0) {
            return name;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.add(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\"");
        }
        return name + "{" + String.join(",", labels) + "}";
    }

    /** The value of a series this scrape must contain. */
    double value(String series) {
        Double value = samples.get(series);
        if (value == null) {
            throw new AssertionError("no series " + series + " in the scrape:\n" + this);
        }
        return value;
    }

    /**
     * How much {@code series} grew since {@code before}. It must be in this scrape; absent from the earlier one it
     * counts as 0, since a labelled series appears only with its first observation.
     */
    double delta(MetricsScrape before, String series) {
        return value(series) - before.samples.getOrDefault(series, 0.0);
    }

    /** Every series of this scrape whose name starts with {@code prefix}, with its growth since {@code before}. */
    Map<String, Double> deltas(MetricsScrape before, String prefix) {
        Map<String, Double> deltas = new LinkedHashMap<>();
        samples.forEach((series, value) -> {
            if (series.startsWith(prefix)) {
                double delta = value - before.samples.getOrDefault(series, 0.0);
                if (delta != 0) {
                    deltas.put(series, delta);
                }
            }
        });
        return deltas;
    }

    /** The values of every series whose name starts with {@code prefix}, in exposition order. */
    List<Double> valuesStartingWith(String prefix) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
    }

    /** The series names that start with {@code prefix}, in exposition order. */
    List<String> seriesStartingWith(String prefix) {
        return samples.keySet().stream().filter(s -> s.startsWith(prefix)).toList();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        samples.forEach((series, value) -> text.append(series).append(' ').append(value).append('\n'));
        return text.toString();
    }
}
