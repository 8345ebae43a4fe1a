package io.stowage.security.password;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Shared test inputs: a cheap policy, and passwords as any Unicode text (no unpaired surrogates). */
final class TestPasswords {

    /** The cheapest legal Argon2id cost: tests exercise the code, not the cost. */
    static final PasswordPolicy CHEAP = new PasswordPolicy(64, 1, 1);

    private TestPasswords() {
    }

    static Arbitrary<String> unicodePasswords(int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                Tuple.of(1, Arbitraries.integers().between(0xe000, 0xfffd)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x1f)));
        return codePoint.list().ofMaxSize(maxCodePoints).map(points -> {
            StringBuilder s = new StringBuilder();
            points.forEach(s::appendCodePoint);
            return s.toString();
        });
    }
}
