package io.stowage.http.handlers;

import io.stowage.http.Exchange;
import io.stowage.http.auth.Credentials;
import io.stowage.http.headers.QueryParameters;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.oci.error.UnauthorizedException;
import io.stowage.security.scope.Scope;
import io.stowage.security.scope.ScopeException;
import io.stowage.security.scope.Scopes;
import io.stowage.security.token.TokenException;
import io.stowage.service.access.AccessControl;
import io.stowage.service.access.ClientInfo;
import io.stowage.service.access.Identity;
import io.stowage.service.access.TokenService;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token endpoint of the Docker token flow ({@code /token}). {@code GET} takes HTTP Basic credentials, or none for
 * an anonymous token, as Docker's specification says; {@code POST} takes the OAuth2 {@code password} and
 * {@code refresh_token} grants as form fields, as docker and containerd send them. A token carries what was asked for,
 * cut down to what the identity may do: asking for more is not an error, the token just grants less.
 */
public final class TokenHandler {

    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final AccessControl access;

    public TokenHandler(AccessControl access) {
        this.access = access;
    }

    public void handle(Exchange exchange) throws IOException {
        switch (exchange.method()) {
            case "GET" -> get(exchange);
            case "POST" -> post(exchange);
            default -> throw Methods.notAllowed(exchange, "GET, POST");
        }
    }

    private void get(Exchange exchange) throws IOException {
        QueryParameters query = exchange.query();
        checkService(query);
        List<Scope> requested = scopes(query);
        Identity identity = switch (Credentials.parse(exchange.header("Authorization"))) {
            case Credentials.None n -> Identity.ANONYMOUS;
            case Credentials.Basic b -> login(b.username(), b.password(), exchange);
            case Credentials.Bearer b -> throw new UnauthorizedException("the token endpoint takes Basic credentials");
        };
        boolean offline = query.first("offline_token").map("true"::equals).orElse(false);
        TokenService.IssuedToken token = issue(identity, requested, offline);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token.token());
        body.put("access_token", token.token());
        body.put("expires_in", token.lifetime().toSeconds());
        body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(token.issuedAt()));
        if (token.refreshToken() != null) {
            body.put("refresh_token", token.refreshToken());
        }
        send(exchange, body);
    }

    private void post(Exchange exchange) throws IOException {
        QueryParameters form = form(exchange);
        checkService(form);
        List<Scope> requested = scopes(form);
        String grant = form.first("grant_type").orElse("");
        Identity identity;
        boolean offline;
        switch (grant) {
            case "password" -> {
                String username = form.first("username").orElse("");
                char[] password = form.first("password").orElse("").toCharArray();
                identity = login(username, password, exchange);
                offline = form.first("access_type").map("offline"::equals).orElse(false);
            }
            case "refresh_token" -> {
                identity = refreshed(form.first("refresh_token").orElse(""));
                offline = true;
            }
            default -> throw new ParameterInvalidException("grant_type must be password or refresh_token");
        }
        TokenService.IssuedToken token = issue(identity, requested, offline);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.token());
        body.put("token", token.token());
        body.put("scope", Scopes.format(access.grantable(identity, requested)));
        body.put("expires_in", token.lifetime().toSeconds());
        body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(token.issuedAt()));
        if (token.refreshToken() != null) {
            body.put("refresh_token", token.refreshToken());
        }
        send(exchange, body);
    }

    private TokenService.IssuedToken issue(Identity identity, List<Scope> requested, boolean offline) {
        return access.tokens().issue(identity.subject(), access.grantable(identity, requested), offline);
    }

    private Identity login(String username, char[] password, Exchange exchange) {
        try {
            return access.authenticator().login(username, password, client(exchange));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Identity refreshed(String refreshToken) {
        String subject;
        try {
            subject = access.tokens().verifyRefresh(refreshToken);
        } catch (TokenException e) {
            throw new UnauthorizedException(e.getMessage());
        }
        return access.authenticator().resolve(subject)
                .orElseThrow(() -> new UnauthorizedException("the account can no longer log in"));
    }

    private void checkService(QueryParameters parameters) {
        String expected = access.tokens().settings().service();
        parameters.first("service").filter(s -> !s.isEmpty() && !s.equals(expected)).ifPresent(s -> {
            throw new ParameterInvalidException("this token endpoint issues tokens for service " + expected);
        });
    }

    private static List<Scope> scopes(QueryParameters parameters) {
        try {
            return Scopes.parse(parameters.all("scope"));
        } catch (ScopeException e) {
            throw new ParameterInvalidException(e.getMessage());
        }
    }

    private static QueryParameters form(Exchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream body = exchange.body()) {
            bytes = body.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (bytes.length > MAX_FORM_BYTES) {
            throw new ParameterInvalidException("form is too large");
        }
        try {
            return QueryParameters.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ParameterInvalidException("malformed form");
        }
    }

    static ClientInfo client(Exchange exchange) {
        return new ClientInfo(exchange.clientAddress(), exchange.header("User-Agent"));
    }

    private static void send(Exchange exchange, Map<String, Object> body) throws IOException {
        // Tokens are credentials: no cache may keep them.
        exchange.setHeader("Cache-Control", "no-store");
        exchange.send(200, Json.CONTENT_TYPE, Json.write(body));
    }
}
