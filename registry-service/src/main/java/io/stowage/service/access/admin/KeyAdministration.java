package io.stowage.service.access.admin;

import io.stowage.oci.error.ConflictException;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.service.access.TokenService;
import io.stowage.service.access.admin.Changes.Event;

import java.util.List;

/**
 * The token-signing keys, for system administrators: list them (never a private key), rotate (a new key signs from
 * now on, on every node; tokens signed with older keys keep verifying) and retire a key that no longer signs (tokens
 * signed with it are refused from then on).
 */
public final class KeyAdministration {

    private final TokenService tokens;
    private final Changes changes;

    KeyAdministration(TokenService tokens, Changes changes) {
        this.tokens = tokens;
        this.changes = changes;
    }

    public List<TokenService.KeyInfo> list(Actor actor) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> tokens.keys());
    }

    public TokenService.KeyInfo rotate(Actor actor) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("key.rotate", null, null),
                k -> "new key " + k.kid() + " (" + k.algorithm() + ")", who -> tokens.rotate());
    }

    /** Retires the key; the current key can't be retired (rotate first), nor one retired already. */
    public TokenService.KeyInfo retire(Actor actor, String kid) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("key.retire", null, kid), v -> null, who -> {
            TokenService.KeyInfo key = find(kid);
            if (key.retiredAt() != null) {
                throw new ConflictException("the key is retired already", kid);
            }
            try {
                if (!tokens.retire(kid)) {
                    throw new ConflictException("the key is retired already", kid);
                }
            } catch (IllegalStateException e) {
                throw new ConflictException(e.getMessage(), kid);
            }
            return find(kid);
        });
    }

    private TokenService.KeyInfo find(String kid) {
        return tokens.keys().stream().filter(k -> k.kid().equals(kid)).findFirst()
                .orElseThrow(() -> new NameUnknownException("no such key", kid));
    }
}
