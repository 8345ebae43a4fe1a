package io.stowage.http.admin;

import io.stowage.service.access.admin.Administration;

import java.util.List;
import java.util.Map;

/** {@code /keys}: the token-signing keys. */
final class KeyEndpoints {

    private KeyEndpoints() {
    }

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("GET", "/keys", "listKeys", KeyEndpoints::list),
                Endpoint.of("POST", "/keys/rotate", "rotateKey", KeyEndpoints::rotate),
                Endpoint.of("POST", "/keys/{kid}/retire", "retireKey", KeyEndpoints::retire));
    }

    static void list(Administration admin, AdminCall call) throws Exception {
        call.json(200, Map.of("keys", admin.keys().list(call.actor()).stream().map(Translate::key).toList()));
    }

    static void rotate(Administration admin, AdminCall call) throws Exception {
        call.json(201, Translate.key(admin.keys().rotate(call.actor())));
    }

    static void retire(Administration admin, AdminCall call) throws Exception {
        call.json(200, Translate.key(admin.keys().retire(call.actor(), call.parameter("kid"))));
    }
}
