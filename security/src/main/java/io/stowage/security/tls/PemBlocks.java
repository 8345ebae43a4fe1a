package io.stowage.security.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of a PEM file (RFC 7468) as real tools write them: text outside the blocks is ignored (openssl puts
 * "Bag Attributes" and {@code subject=} lines there, people put comments), line endings may be CRLF, and each
 * block's base64 may be wrapped at any width. Inside a block only base64 is allowed. Messages name a block by its
 * label and position, never by its content.
 */
final class PemBlocks {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,64})-----");
    private static final Pattern END = Pattern.compile("-----END ([A-Z0-9 ]{1,64})-----");

    /** One block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...) and its decoded DER bytes. */
    record Block(String label, byte[] der) {
    }

    private PemBlocks() {
    }

    /** Every block of {@code pem}, in order; {@code what} names the file in messages ("certificate file"). */
    static List<Block> read(String pem, String what, int maxLength) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (pem.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        List<Block> blocks = new ArrayList<>();
        String open = null;
        StringBuilder body = new StringBuilder();
        for (String rawLine : pem.split("\r?\n|\r", -1)) {
            String line = rawLine.strip();
            if (open == null) {
                Matcher begin = BEGIN.matcher(line);
                if (begin.matches()) {
                    open = begin.group(1);
                    body.setLength(0);
                } else if (END.matcher(line).matches()) {
                    throw new IllegalArgumentException(what + ": END line without a BEGIN line (block "
                            + (blocks.size() + 1) + ")");
                }
                // Anything else outside a block is explanatory text (RFC 7468 section 5.2).
            } else {
                Matcher end = END.matcher(line);
                if (end.matches()) {
                    if (!end.group(1).equals(open)) {
                        throw new IllegalArgumentException(what + ": block " + (blocks.size() + 1) + " begins as "
                                + open + " but ends as " + end.group(1));
                    }
                    blocks.add(new Block(open, decode(body, what, open, blocks.size() + 1)));
                    open = null;
                } else if (BEGIN.matcher(line).matches()) {
                    throw new IllegalArgumentException(what + ": block " + (blocks.size() + 1) + " (" + open
                            + ") has no END line before the next BEGIN line");
                } else if (line.startsWith("Proc-Type:") && line.contains("ENCRYPTED")) {
                    // RFC 1421 headers: the legacy encryption of "openssl genrsa -aes256" and friends.
                    throw new IllegalArgumentException(what + ": block " + (blocks.size() + 1) + " (" + open
                            + ") is encrypted; give the key without a passphrase");
                } else if (!line.contains(":")) {
                    body.append(line);
                }
                // Other RFC 1421 header lines ("Name: value") carry nothing the key needs.
            }
        }
        if (open != null) {
            throw new IllegalArgumentException(what + ": block " + (blocks.size() + 1) + " (" + open
                    + ") has no END line");
        }
        return blocks;
    }

    private static byte[] decode(StringBuilder body, String what, String label, int position) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": block " + position + " (" + label + ") is not valid base64");
        }
        if (der.length == 0) {
            throw new IllegalArgumentException(what + ": block " + position + " (" + label + ") is empty");
        }
        return der;
    }
}
