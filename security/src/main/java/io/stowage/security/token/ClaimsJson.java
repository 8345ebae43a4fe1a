package io.stowage.security.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.security.scope.Action;
import io.stowage.security.scope.ResourceType;
import io.stowage.security.scope.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** {@link TokenClaims} to and from the JSON payload of a token, member by member (no data binding). */
final class ClaimsJson {

    private ClaimsJson() {
    }

    static ObjectNode write(TokenClaims claims) {
        ObjectNode payload = Json.object()
                .put("iss", claims.issuer())
                .put("sub", claims.subject())
                .put("aud", claims.audience())
                .put("exp", claims.expiresAt().getEpochSecond())
                .put("nbf", claims.notBefore().getEpochSecond())
                .put("iat", claims.issuedAt().getEpochSecond())
                .put("jti", claims.id());
        ArrayNode access = payload.putArray("access");
        for (Scope scope : claims.access()) {
            ArrayNode actions = access.addObject().put("type", scope.type().id()).put("name", scope.name())
                    .putArray("actions");
            scope.actions().forEach(action -> actions.add(action.id()));
        }
        return payload;
    }

    /** The claims of {@code payload}, or empty if a required claim is missing or any claim is malformed. */
    static Optional<TokenClaims> read(ObjectNode payload) {
        Optional<String> issuer = Json.text(payload, "iss");
        Optional<String> subject = Json.text(payload, "sub");
        Optional<String> audience = Json.text(payload, "aud");
        Optional<String> id = Json.text(payload, "jti");
        Optional<Instant> issuedAt = numericDate(payload, "iat");
        Optional<Instant> notBefore = numericDate(payload, "nbf");
        Optional<Instant> expiresAt = numericDate(payload, "exp");
        Optional<List<Scope>> access = access(payload.get("access"));
        if (issuer.isEmpty() || subject.isEmpty() || audience.isEmpty() || id.isEmpty() || issuedAt.isEmpty()
                || notBefore.isEmpty() || expiresAt.isEmpty() || access.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TokenClaims(issuer.get(), subject.get(), audience.get(), issuedAt.get(),
                    notBefore.get(), expiresAt.get(), id.get(), access.get()));
        } catch (IllegalArgumentException e) {
            // Members of the right types but values TokenClaims refuses (a blank issuer, exp before nbf, ...).
            return Optional.empty();
        }
    }

    /** An integral NumericDate in TokenClaims' range; fractional seconds are not something Stowage writes. */
    private static Optional<Instant> numericDate(ObjectNode payload, String name) {
        JsonNode node = payload.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            return Optional.empty();
        }
        long seconds = node.longValue();
        if (seconds < 0 || seconds > TokenClaims.MAX_EPOCH_SECOND) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    /** The access claim; absent means no access. An entry with no actions grants nothing and is left out. */
    private static Optional<List<Scope>> access(JsonNode node) {
        if (node == null) {
            return Optional.of(List.of());
        }
        if (!node.isArray()) {
            return Optional.empty();
        }
        List<Scope> scopes = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!(entry instanceof ObjectNode object)) {
                return Optional.empty();
            }
            Optional<ResourceType> type = Json.text(object, "type").flatMap(ResourceType::fromId);
            Optional<String> name = Json.text(object, "name");
            JsonNode actionsNode = object.get("actions");
            if (type.isEmpty() || name.isEmpty() || actionsNode == null || !actionsNode.isArray()) {
                return Optional.empty();
            }
            EnumSet<Action> actions = EnumSet.noneOf(Action.class);
            for (JsonNode action : actionsNode) {
                Optional<Action> parsed = action.isTextual() ? Action.fromId(action.textValue()) : Optional.empty();
                if (parsed.isEmpty()) {
                    return Optional.empty();
                }
                actions.add(parsed.get());
            }
            if (actions.isEmpty()) {
                continue;
            }
            try {
                scopes.add(new Scope(type.get(), name.get(), actions));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(scopes);
    }
}
