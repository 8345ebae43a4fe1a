package io.stowage.image;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The JDK modules the jar needs: what jdeps finds, plus those that libraries load without a static reference. */
final class RuntimeModules {

    /**
     * jdeps only sees static references. The PostgreSQL and SQLite JDBC drivers, HikariCP and the AWS SDK also reach
     * these reflectively or through ServiceLoader (EC TLS ciphers, JMX pool beans, JNDI, sun.misc.Unsafe, zip file
     * systems, locale data for formatting); a missing one shows only at run time, on the code path that needs it.
     */
    static final List<String> ALWAYS = List.of("jdk.crypto.ec", "jdk.zipfs", "jdk.unsupported", "java.naming",
            "java.management", "java.sql", "jdk.localedata");

    /** The language level the jar is compiled for: selects its {@code META-INF/versions/N} classes. */
    private static final String RELEASE = "21";

    private RuntimeModules() {
    }

    static Set<String> of(Path jar) {
        String output = JdkTool.named("jdeps").run(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", RELEASE, jar.toString()));
        Set<String> modules = new TreeSet<>(parse(output));
        modules.addAll(ALWAYS);
        return modules;
    }

    /** jdeps prints the modules as one comma-separated line, its last. */
    static Set<String> parse(String jdepsOutput) {
        List<String> lines = jdepsOutput.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("jdeps printed no module list");
        }
        Set<String> modules = new TreeSet<>();
        Arrays.stream(lines.getLast().split(",")).map(String::strip).filter(m -> !m.isEmpty()).forEach(modules::add);
        if (!modules.contains("java.base")) {
            throw new IllegalStateException("unexpected jdeps output: " + jdepsOutput);
        }
        return modules;
    }
}
