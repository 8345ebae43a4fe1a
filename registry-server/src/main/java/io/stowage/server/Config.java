package io.stowage.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stowage.http.tls.TlsFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolved configuration. Precedence, highest first: command-line flags, environment variables, the YAML config
 * file, defaults. Unknown keys in the file are refused, so a typo never silently falls back to a default.
 */
public final class Config {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = values;
    }

    public static Config load(Optional<Path> file, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> values = new HashMap<>();
        for (Setting s : Setting.ALL) {
            values.put(s.key(), s.defaultValue());
        }
        file.ifPresent(path -> values.putAll(readYaml(path)));
        for (Setting s : Setting.ALL) {
            String env = environment.get(s.environmentVariable());
            if (env != null) {
                values.put(s.key(), env);
            }
        }
        values.putAll(flags);
        return new Config(values);
    }

    public String get(Setting setting) {
        return values.get(setting.key());
    }

    /** The value, which must not be blank: for settings a chosen backend cannot do without. */
    public String require(Setting setting) {
        String value = get(setting);
        if (value == null || value.isBlank()) {
            throw new ConfigException(setting.key() + " must be set (environment variable "
                    + setting.environmentVariable() + ")");
        }
        return value.trim();
    }

    public int getInt(Setting setting, int min, int max) {
        String v = get(setting).trim();
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new ConfigException(setting.key() + ": expected a whole number from " + min + " to " + max
                + ", got '" + v + "'");
    }

    public boolean getBoolean(Setting setting) {
        String v = get(setting).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(setting.key() + ": expected true or false, got '" + v + "'");
        };
    }

    public Duration getDuration(Setting setting) {
        String v = get(setting).trim();
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new ConfigException(setting.key() + ": expected a duration such as 30s, 5m, 24h; got '" + v + "'");
        }
        try {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(setting.key() + ": duration '" + v + "' is out of range");
        }
    }

    /** A duration that must be more than zero, such as how often a job runs. */
    public Duration getPositiveDuration(Setting setting) {
        Duration d = getDuration(setting);
        if (d.isZero()) {
            throw new ConfigException(setting.key() + ": must be more than zero");
        }
        return d;
    }

    /** {@code HOST:PORT}, with IPv6 hosts in brackets. */
    public HostPort listen() {
        return HostPort.parse(get(Setting.LISTEN));
    }

    public Path dataDirectory() {
        return Path.of(get(Setting.DATA)).toAbsolutePath().normalize();
    }

    public Path blobRoot() {
        String root = get(Setting.STORAGE_FS_ROOT);
        return root.isBlank() ? dataDirectory().resolve("blobs") : Path.of(root).toAbsolutePath().normalize();
    }

    public Path sqlitePath() {
        String path = get(Setting.METADATA_SQLITE_PATH);
        return path.isBlank() ? dataDirectory().resolve("metadata.db") : Path.of(path).toAbsolutePath().normalize();
    }

    /**
     * The TLS files when both {@code tls.certificate} and {@code tls.key} are set; empty when neither is (plain HTTP).
     * Only checks that they come as a pair: whether the files can be used is known once they are read.
     */
    public Optional<TlsFiles> tls() {
        String certificate = get(Setting.TLS_CERTIFICATE).trim();
        String key = get(Setting.TLS_KEY).trim();
        if (certificate.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        if (certificate.isEmpty() || key.isEmpty()) {
            Setting missing = certificate.isEmpty() ? Setting.TLS_CERTIFICATE : Setting.TLS_KEY;
            throw new ConfigException("TLS needs both " + Setting.TLS_CERTIFICATE.key() + " and "
                    + Setting.TLS_KEY.key() + "; " + missing.key() + " is not set (environment variable "
                    + missing.environmentVariable() + ")");
        }
        return Optional.of(new TlsFiles(Path.of(certificate).toAbsolutePath().normalize(),
                Path.of(key).toAbsolutePath().normalize(), getPositiveDuration(Setting.TLS_RELOAD_INTERVAL)));
    }

    private static Map<String, String> readYaml(Path path) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigException("config file " + path + " must be a YAML mapping");
            }
            flatten("", root, flat);
        }
        Set<String> known = new TreeSet<>();
        Setting.ALL.forEach(s -> known.add(s.key()));
        for (String key : flat.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException("unknown setting '" + key + "' in " + path + "; known settings: " + known);
            }
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (var it = node.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isValueNode()) {
            out.put(prefix, node.isNull() ? "" : node.asText());
        } else {
            throw new ConfigException("setting '" + prefix + "' must be a single value");
        }
    }

    /** A configuration the registry cannot start with; the message says what to fix. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
