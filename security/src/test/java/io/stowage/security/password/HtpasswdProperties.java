package io.stowage.security.password;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class HtpasswdProperties {

    private static final List<String> GOOD_HASHES = List.of(
            "$2y$04$EpRhcz/miRLJ7hMmZQq33uz.HpLZpQMrb7NbnAJh51WABv7vpmGy.",
            "$2y$04$n8ih8PEbpMJoVTdg.Mdo8epleWEq8brUZeapOmK8wG2X30ENurNWG",
            "$2a$05$oer5KwPHIwccINMcSBs5O.fFjo4SurU99vE6erb8a7Tf1ECoQgF/2",
            "$2b$04$4ui8vYY3U880K9mmEGA6n.ZTuvTnh.VOqJ2ZO3Nj2WrW5jFC40np.",
            "$argon2id$v=19$m=64,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$G9pihfd+Yv1rrNz8qqkwjQ");

    // Made with htpasswd -m, -s, -d, -p; each must be refused.
    private static final List<String> WEAK_HASHES = List.of(
            "$apr1$.sIQ734e$ah2cbvGpbS2X91r9yJMuL/",
            "{SHA}GpHWL3ymc5liWkNopqtdSjuqYHM=",
            "bm07uJWjtjdHQ",
            "$1$saltsalt$qjXMvbEw8oaL.CzflDugX/",
            "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/",
            "pw",
            "correct horse battery staple");

    @Property(tries = 500)
    void filesOfValidEntriesParseToTheirEntriesInOrder(@ForAll("files") GeneratedFile file) {
        List<Htpasswd.Entry> entries = Htpasswd.parse(file.content());

        assertThat(entries).extracting(Htpasswd.Entry::username).containsExactlyElementsOf(file.users().keySet());
        for (Htpasswd.Entry entry : entries) {
            assertThat(entry.hash().encoded()).isEqualTo(file.users().get(entry.username()));
        }
    }

    @Property(tries = 500)
    void aWeakLineIsRefusedNamingItsLineButNotItsContent(@ForAll("files") GeneratedFile file,
                                                         @ForAll("weakHashes") String weak,
                                                         @ForAll @IntRange(max = 1000) int position) {
        List<String> lines = new ArrayList<>(file.content().lines().toList());
        int at = position % (lines.size() + 1);
        lines.add(at, "mallory:" + weak);

        Throwable thrown = catchThrowable(() -> Htpasswd.parse(String.join("\n", lines)));

        assertThat(thrown).isInstanceOf(HtpasswdException.class);
        assertThat(((HtpasswdException) thrown).lineNumber()).isEqualTo(at + 1);
        assertThat(thrown.getMessage()).startsWith("htpasswd line " + (at + 1) + ": ")
                .doesNotContain(weak).doesNotContain("mallory");
    }

    @Property(tries = 300)
    void invalidUsernamesAreRefusedWithTheirLineNumber(@ForAll("files") GeneratedFile file,
                                                       @ForAll("invalidUsernames") String username,
                                                       @ForAll @IntRange(max = 1000) int position) {
        List<String> lines = new ArrayList<>(file.content().lines().toList());
        int at = position % (lines.size() + 1);
        lines.add(at, username + ":" + GOOD_HASHES.get(0));

        assertThatThrownBy(() -> Htpasswd.parse(String.join("\n", lines)))
                .isInstanceOfSatisfying(HtpasswdException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(at + 1);
                    assertThat(e.getMessage()).contains("invalid username").doesNotContain(GOOD_HASHES.get(0));
                });
    }

    @Property(tries = 2000)
    void arbitraryContentParsesOrFailsWithHtpasswdExceptionOnly(@ForAll("htpasswdLikeContent") String content) {
        Throwable thrown = catchThrowable(() -> Htpasswd.parse(content));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(HtpasswdException.class);
            int lineCount = content.split("\n", -1).length;
            assertThat(((HtpasswdException) thrown).lineNumber()).isBetween(1, lineCount);
        }
    }

    @Example
    void aFileWrittenByHtpasswdImports() {
        String content = """
                # written by htpasswd -B -C 4
                alice:$2y$04$EpRhcz/miRLJ7hMmZQq33uz.HpLZpQMrb7NbnAJh51WABv7vpmGy.

                bob.builder:$2y$04$n8ih8PEbpMJoVTdg.Mdo8epleWEq8brUZeapOmK8wG2X30ENurNWG
                """;

        List<Htpasswd.Entry> entries = Htpasswd.parse(content);

        assertThat(entries).extracting(Htpasswd.Entry::username).containsExactly("alice", "bob.builder");
        assertThat(entries.get(0).hash().verify("alice-pw".toCharArray())).isTrue();
        assertThat(entries.get(1).hash().verify("b0b".toCharArray())).isTrue();
        assertThat(entries.get(1).hash().verify("alice-pw".toCharArray())).isFalse();
    }

    @Example
    void shapesAroundTheEntries() {
        assertThat(Htpasswd.parse("")).isEmpty();
        assertThat(Htpasswd.parse("\n\n  \n# only comments\n   # indented\n")).isEmpty();
        assertThat(Htpasswd.parse("\uFEFFalice:" + GOOD_HASHES.get(0) + "\r\n")).hasSize(1);
        assertThatThrownBy(() -> Htpasswd.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void duplicatesAndMissingSeparatorsAreRefused() {
        assertThatThrownBy(() -> Htpasswd.parse("a:" + GOOD_HASHES.get(0) + "\n\na:" + GOOD_HASHES.get(1)))
                .isInstanceOfSatisfying(HtpasswdException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(3);
                    assertThat(e.getMessage()).isEqualTo("htpasswd line 3: user already defined on line 1");
                });
        assertThatThrownBy(() -> Htpasswd.parse("just-a-name"))
                .isInstanceOfSatisfying(HtpasswdException.class, e -> assertThat(e.lineNumber()).isEqualTo(1));
        assertThatThrownBy(() -> Htpasswd.parse("a:" + GOOD_HASHES.get(0) + " "))
                .isInstanceOf(HtpasswdException.class);
        assertThatThrownBy(() -> Htpasswd.parse("a:" + GOOD_HASHES.get(0) + ":extra"))
                .isInstanceOf(HtpasswdException.class);
    }

    @Example
    void eachWeakSchemeGetsItsOwnReason() {
        assertThat(message("carol:$apr1$.sIQ734e$ah2cbvGpbS2X91r9yJMuL/")).contains("MD5");
        assertThat(message("dave:{SHA}GpHWL3ymc5liWkNopqtdSjuqYHM=")).contains("SHA-1");
        assertThat(message("erin:bm07uJWjtjdHQ")).contains("crypt");
        assertThat(message("frank:pw")).contains("plain-text");
        assertThat(message("grace:$argon2i$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$G9pihfd+Yv1rrNz8qqkwjQ"))
                .contains("argon2id");
    }

    private static String message(String content) {
        return catchThrowable(() -> Htpasswd.parse(content)).getMessage();
    }

    record GeneratedFile(String content, Map<String, String> users) {
    }

    @Provide
    Arbitrary<GeneratedFile> files() {
        Arbitrary<String> username = Combinators.combine(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofLength(1),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-").ofMaxLength(12))
                .as(String::concat);
        Arbitrary<String> noise = Arbitraries.of("", "   ", "\t", "# a comment", "  # indented: with colon",
                "#mallory:$apr1$x$y");
        Arbitrary<List<Tuple.Tuple3<String, String, List<String>>>> rows = Combinators.combine(username,
                Arbitraries.of(GOOD_HASHES), noise.list().ofMaxSize(2)).as(Tuple::of).list().ofMaxSize(12);
        return Combinators.combine(rows, Arbitraries.of("\n", "\r\n"), Arbitraries.of(true, false))
                .as((generated, newline, trailingNewline) -> {
                    Map<String, String> users = new LinkedHashMap<>();
                    List<String> lines = new ArrayList<>();
                    for (var row : generated) {
                        lines.addAll(row.get3());
                        if (users.putIfAbsent(row.get1(), row.get2()) == null) {
                            lines.add(row.get1() + ":" + row.get2());
                        }
                    }
                    String content = String.join(newline, lines) + (trailingNewline ? newline : "");
                    return new GeneratedFile(content, users);
                });
    }

    @Provide
    Arbitrary<String> weakHashes() {
        return Arbitraries.of(WEAK_HASHES);
    }

    @Provide
    Arbitrary<String> invalidUsernames() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "Alice", "-a", ".a", "_a", "a b", "a/b", "a".repeat(65), "\u00e9", "x#"),
                Arbitraries.strings().withChars("ABC /@!").ofMinLength(1).ofMaxLength(5));
    }

    @Provide
    Arbitrary<String> htpasswdLikeContent() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of(GOOD_HASHES).map(h -> "user:" + h),
                Arbitraries.of(WEAK_HASHES).map(h -> "user:" + h),
                Arbitraries.strings().withChars("abc:$#{}2y \r\t").ofMaxLength(30),
                Arbitraries.strings().ofMaxLength(40));
        return line.list().ofMaxSize(6).map(lines -> String.join("\n", lines));
    }
}
