package io.stowage.security.token;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;

/**
 * Signs registry tokens: a JWS in compact form, {@code header.payload.signature}, with header
 * {@code {"alg":..,"typ":"JWT","kid":..}} and the claims as payload.
 */
public final class TokenSigner {

    private TokenSigner() {
    }

    /**
     * The signed token.
     *
     * @throws IllegalArgumentException if the token would exceed {@link TokenVerifier#MAX_TOKEN_LENGTH} (too many
     *                                  scopes), since no verifier would accept it
     */
    public static String sign(TokenClaims claims, SigningKey key) {
        if (claims == null || key == null) {
            throw new IllegalArgumentException("claims and key are required");
        }
        ObjectNode header = Json.object().put("alg", key.algorithm().jwsName()).put("typ", "JWT").put("kid", key.kid());
        String signingInput = segment(header) + "." + segment(ClaimsJson.write(claims));
        String token = signingInput + "." + Base64Url.encode(signature(signingInput, key));
        if (token.length() > TokenVerifier.MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token would be longer than " + TokenVerifier.MAX_TOKEN_LENGTH
                    + " characters; grant fewer scopes");
        }
        return token;
    }

    private static String segment(ObjectNode json) {
        return Base64Url.encode(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] signature(String signingInput, SigningKey key) {
        try {
            Signature signer = key.algorithm().newSignature();
            signer.initSign(key.keyPair().getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a validated signing key failed to sign", e);
        }
    }
}
