package io.stowage.http.admin;

import io.stowage.service.access.admin.Administration;

import java.util.List;

/** {@code /gc}: garbage collection on demand; {@code dryRun=true} deletes nothing and says what a run would take. */
final class GcEndpoints {

    private GcEndpoints() {
    }

    static List<Endpoint> endpoints() {
        return List.of(Endpoint.of("POST", "/gc", "runGc", GcEndpoints::run));
    }

    static void run(Administration admin, AdminCall call) throws Exception {
        call.json(200, Translate.gc(admin.gc().run(call.actor(), call.flag("dryRun"))));
    }
}
