package io.stowage.http.admin;

import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.access.admin.ScrubAdministration;

import java.util.List;

/**
 * {@code /gc}: garbage collection on demand; {@code dryRun=true} deletes nothing and says what a run would take.
 * {@code /scrub}: a scrub round on demand over {@code blobs} blobs (default {@value #DEFAULT_SCRUB_BLOBS}).
 */
final class GcEndpoints {

    private GcEndpoints() {
    }

    static List<Endpoint> endpoints() {
        return List.of(Endpoint.of("POST", "/gc", "runGc", GcEndpoints::run),
                Endpoint.of("POST", "/scrub", "runScrub", GcEndpoints::scrub));
    }

    static final int DEFAULT_SCRUB_BLOBS = 1000;

    static void scrub(Administration admin, AdminCall call) throws Exception {
        long blobs = call.nonNegativeLong("blobs").orElse(DEFAULT_SCRUB_BLOBS);
        if (blobs < 1 || blobs > ScrubAdministration.MAX_BLOBS) {
            throw new ParameterInvalidException("blobs must be 1 to " + ScrubAdministration.MAX_BLOBS);
        }
        call.json(200, Translate.scrub(admin.scrub().run(call.actor(), (int) blobs)));
    }

    static void run(Administration admin, AdminCall call) throws Exception {
        call.json(200, Translate.gc(admin.gc().run(call.actor(), call.flag("dryRun"))));
    }
}
