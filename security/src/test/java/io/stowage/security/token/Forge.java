package io.stowage.security.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds tokens the way an attacker would: raw JSON, raw JCA, no help from the code under test. */
final class Forge {

    private Forge() {
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String json(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    static String unsigned(String headerJson, String payloadJson) {
        return b64(headerJson) + "." + b64(payloadJson);
    }

    /** Signs with a JCA algorithm by name (e.g. SHA256withECDSA for DER output, Ed25519). */
    static String signed(String headerJson, String payloadJson, String jcaAlgorithm, PrivateKey key) {
        String input = unsigned(headerJson, payloadJson);
        return input + "." + b64(sign(input, jcaAlgorithm, key));
    }

    static byte[] sign(String signingInput, String jcaAlgorithm, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String hmac(String headerJson, String payloadJson, byte[] secret) {
        String input = unsigned(headerJson, payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A JOSE R||S signature as ASN.1 DER, written out by hand so the test does not trust the code under test. */
    static byte[] joseToDer(byte[] jose) {
        byte[] r = derInteger(new BigInteger(1, Arrays.copyOfRange(jose, 0, 32)));
        byte[] s = derInteger(new BigInteger(1, Arrays.copyOfRange(jose, 32, 64)));
        byte[] der = new byte[2 + r.length + s.length];
        der[0] = 0x30;
        der[1] = (byte) (r.length + s.length);
        System.arraycopy(r, 0, der, 2, r.length);
        System.arraycopy(s, 0, der, 2 + r.length, s.length);
        return der;
    }

    private static byte[] derInteger(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[2 + bytes.length];
        out[0] = 0x02;
        out[1] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, 2, bytes.length);
        return out;
    }
}
