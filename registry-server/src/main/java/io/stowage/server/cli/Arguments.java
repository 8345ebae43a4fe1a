package io.stowage.server.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A subcommand's arguments: positionals, options with values ({@code --scope X} or {@code --scope=X}, repeatable)
 * and flags ({@code --json}). Only the options the subcommand declares (plus the global ones) are accepted.
 */
final class Arguments {

    /** Options every subcommand takes, with a value. */
    static final Set<String> GLOBAL_VALUES = Set.of("--registry", "--user");
    /** Flags every subcommand takes. */
    static final Set<String> GLOBAL_FLAGS = Set.of("--password-stdin", "--json");

    private final List<String> positionals;
    private final Map<String, List<String>> values;
    private final Set<String> flags;

    private Arguments(List<String> positionals, Map<String, List<String>> values, Set<String> flags) {
        this.positionals = positionals;
        this.values = values;
        this.flags = flags;
    }

    static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        List<String> positionals = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (valueOptions.contains(name) || GLOBAL_VALUES.contains(name)) {
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("option " + name + " needs a value");
                }
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else if (flagOptions.contains(name) || GLOBAL_FLAGS.contains(name)) {
                if (equals >= 0) {
                    throw new UsageException("option " + name + " takes no value");
                }
                flags.add(name);
            } else if (name.equals("--password")) {
                throw new UsageException("passwords are never taken on the command line (other users can see it): "
                        + "set STOWAGE_PASSWORD or use --password-stdin");
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return new Arguments(List.copyOf(positionals), values, flags);
    }

    List<String> positionals() {
        return positionals;
    }

    String positional(int index) {
        return positionals.get(index);
    }

    Optional<String> value(String option) {
        List<String> list = values.get(option);
        return list == null ? Optional.empty() : Optional.of(list.getLast());
    }

    List<String> all(String option) {
        return values.getOrDefault(option, List.of());
    }

    boolean flag(String option) {
        return flags.contains(option);
    }
}
