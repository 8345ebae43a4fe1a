package io.stowage.security.scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scopes of a token request: every {@code scope=} query parameter, each holding one or more scopes separated by
 * single spaces. Requests for the same resource are merged into one scope with the union of their actions, in the
 * order of first appearance, so the result lists each resource once.
 */
public final class Scopes {

    /** More than any real client asks for at once; bounds the size of a token and the work per request. */
    public static final int MAX_SCOPES = 64;

    private Scopes() {
    }

    /**
     * Parses and merges the values of all {@code scope=} parameters (already URL-decoded).
     *
     * @throws ScopeException if any scope is malformed or there are more than {@link #MAX_SCOPES}; never an
     *                        unchecked exception, whatever the input
     */
    public static List<Scope> parse(List<String> parameterValues) throws ScopeException {
        if (parameterValues == null) {
            return List.of();
        }
        List<Scope> scopes = new ArrayList<>();
        for (String value : parameterValues) {
            if (value == null || value.isEmpty()) {
                throw new ScopeException("scope parameter is empty");
            }
            if (value.length() > MAX_SCOPES * (Scope.MAX_LENGTH + 1)) {
                throw new ScopeException("scope parameter is too long");
            }
            for (String piece : value.split(" ", -1)) {
                if (scopes.size() == MAX_SCOPES) {
                    throw new ScopeException("more than " + MAX_SCOPES + " scopes");
                }
                scopes.add(Scope.parse(piece));
            }
        }
        return merge(scopes);
    }

    /** Parses one {@code scope=} parameter value. */
    public static List<Scope> parse(String parameterValue) throws ScopeException {
        return parse(parameterValue == null ? null : List.of(parameterValue));
    }

    /** One scope per resource, with the union of the actions asked for it, in order of first appearance. */
    public static List<Scope> merge(List<Scope> scopes) {
        Map<String, Scope> byResource = new LinkedHashMap<>();
        for (Scope scope : scopes) {
            // ':' cannot occur in a type, so this key is unambiguous.
            byResource.merge(scope.type().id() + ":" + scope.name(), scope, (a, b) -> a.with(b.actions()));
        }
        return List.copyOf(byResource.values());
    }

    /** The canonical form: the scopes' canonical strings joined by single spaces. */
    public static String format(List<Scope> scopes) {
        return scopes.stream().map(Scope::toString).collect(Collectors.joining(" "));
    }
}
