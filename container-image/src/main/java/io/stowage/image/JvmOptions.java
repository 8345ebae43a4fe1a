package io.stowage.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The JVM options Stowage ships as its defaults, read from the jar being packaged: {@code jvm.options} at its root,
 * which is {@code registry-server/src/main/resources/jvm.options}, the one list the {@code stowage} launcher and
 * {@code bench/compare.sh} also use (they give it to java as an {@code @argument file}). The image spells them out in
 * its entrypoint instead, so they are in plain sight in the image config; reading them from the jar keeps the image
 * and the jar it carries from disagreeing. Tests that run the jar with its shipped memory settings read them here too.
 */
public final class JvmOptions {

    static final String ENTRY = "jvm.options";

    private JvmOptions() {
    }

    /** The options in {@code jar}'s {@value #ENTRY}. */
    public static List<String> of(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                throw new IllegalStateException(jar + " has no " + ENTRY + ": build it from this source tree");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * The options of an argument file in the subset the file uses: options separated by white space, {@code #} to the
     * end of a line a comment. Quotes, which java's argument files would honour, are refused rather than read
     * differently from java.
     */
    static List<String> parse(String text) {
        List<String> options = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            int hash = line.indexOf('#');
            String content = hash >= 0 ? line.substring(0, hash) : line;
            if (content.indexOf('"') >= 0 || content.indexOf('\'') >= 0 || content.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("quotes and escapes are not supported in " + ENTRY + ": " + line);
            }
            for (String option : content.strip().split("\\s+")) {
                if (!option.isEmpty()) {
                    if (!option.startsWith("-")) {
                        throw new IllegalArgumentException(ENTRY + " holds JVM options only, not " + option);
                    }
                    options.add(option);
                }
            }
        }
        return List.copyOf(options);
    }
}
