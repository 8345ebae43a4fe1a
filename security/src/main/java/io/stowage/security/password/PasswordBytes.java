package io.stowage.security.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Password characters to UTF-8 without an intermediate String, which could not be wiped. */
final class PasswordBytes {

    private PasswordBytes() {
    }

    /**
     * The UTF-8 bytes of {@code password}; an unpaired surrogate becomes {@code ?}, as {@code String.getBytes} does,
     * so a password typed anywhere in Java hashes the same. The caller wipes the result.
     */
    static byte[] utf8(char[] password) {
        if (password == null) {
            throw new IllegalArgumentException("password is missing");
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer buffer;
        try {
            buffer = encoder.encode(CharBuffer.wrap(password));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 encoding with REPLACE cannot fail", e);
        }
        byte[] out = Arrays.copyOfRange(buffer.array(), buffer.arrayOffset(), buffer.arrayOffset() + buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return out;
    }
}
