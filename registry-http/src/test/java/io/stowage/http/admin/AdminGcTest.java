package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.metadata.AuditEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/gc}: a dry run deletes nothing and agrees with the real run that follows it. The test registry
 * has no grace period, so what nothing references is collectable at once.
 */
class AdminGcTest extends AdminTestBase {

    private static final String OCTET = "application/octet-stream";

    @Test
    void aDryRunDeletesNothingAndAgreesWithTheRealRunAfterIt() throws Exception {
        String config = push("gc/app", "{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        String layer = push("gc/app", "a layer that stays");
        String[] garbage = {push("gc/app", "garbage one"), push("gc/app", "garbage two!"),
                push("gc/other", "garbage three")};
        long garbageBytes = "garbage one".length() + "garbage two!".length() + "garbage three".length();
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
                + "\",\"size\":" + "{\"architecture\":\"amd64\",\"os\":\"linux\"}".length() + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer
                + "\",\"size\":" + "a layer that stays".length() + "}]}";
        assertStatus(admin.send("PUT", "/v2/gc/app/manifests/v1", manifest.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/vnd.oci.image.manifest.v1+json"), 201);
        // Records are kept to the millisecond: let the clock move past the last push before collecting.
        Thread.sleep(20);

        long before = lastEventId();
        Http.Reply dry = admin.post("/api/v1/gc?dryRun=true", null);
        assertStatus(dry, 200);
        JsonNode dryReport = dry.json();
        assertThat(dryReport.get("dryRun").asBoolean()).isTrue();
        assertThat(dryReport.get("blobsDeleted").asLong()).isEqualTo(3);
        assertThat(dryReport.get("bytesFreed").asLong()).isEqualTo(garbageBytes);
        assertThat(dryReport.get("linksPruned").asLong()).isEqualTo(3);
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("gc.run");
        assertThat(event.result()).isEqualTo("success");
        assertThat(event.detail()).startsWith("dry run");
        for (String digest : garbage) {
            assertThat(registry.metadata().blobs().find(io.stowage.oci.Digest.parse(digest))).as(digest).isPresent();
        }

        before = lastEventId();
        Http.Reply real = admin.post("/api/v1/gc", "{}");
        assertStatus(real, 200);
        JsonNode report = real.json();
        assertThat(report.get("dryRun").asBoolean()).isFalse();
        for (String field : new String[] {"blobsDeleted", "bytesFreed", "linksPruned"}) {
            assertThat(report.get(field).asLong()).as(field).isEqualTo(dryReport.get(field).asLong());
        }
        assertThat(onlyEventAfter(before).detail()).startsWith("pruned 3");

        for (String digest : garbage) {
            assertThat(registry.metadata().blobs().find(io.stowage.oci.Digest.parse(digest))).as(digest).isEmpty();
        }
        assertStatus(admin.get("/v2/gc/app/blobs/" + layer), 200);
        assertStatus(admin.get("/v2/gc/app/manifests/v1"), 200);
        JsonNode again = admin.post("/api/v1/gc?dryRun=true", null).json();
        assertThat(again.get("blobsDeleted").asLong()).isZero();
        assertError(admin.post("/api/v1/gc?dryRun=maybe", null), 400, "UNSUPPORTED");
    }

    @Test
    void onlyAnAdministratorMayCollectAndAPostMustSayJson() {
        Http xena = user("xena", false);
        long before = lastEventId();
        assertError(xena.post("/api/v1/gc?dryRun=true", null), 403, "DENIED");
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("gc.run");
        assertThat(event.identity()).isEqualTo("xena");
        assertThat(event.result()).isEqualTo("denied");
        assertError(anonymous.post("/api/v1/gc", null), 401, "UNAUTHORIZED");
        // A form post, as a page on another site could make a browser send: refused before anything runs.
        before = lastEventId();
        assertError(admin.send("POST", "/api/v1/gc", "", "Content-Type", "application/x-www-form-urlencoded"), 400,
                "UNSUPPORTED");
        assertError(admin.send("POST", "/api/v1/gc", (byte[]) null), 400, "UNSUPPORTED");
        assertThat(eventsAfter(before)).isEmpty();
    }

    @Test
    void aScrubOnDemandMarksACorruptBlobWhichIsThenNeverServed() throws Exception {
        String sound = push("scrub/app", "sound bytes");
        // Larger than what is kept inline: its bytes are a file of the object store, damaged below.
        String damaged = push("scrub/app", "bytes to damage".repeat(2000));
        String hex = damaged.substring("sha256:".length());
        java.nio.file.Path file = registry.directory().resolve("blobs").resolve("blobs").resolve("sha256")
                .resolve(hex.substring(0, 2)).resolve(hex);
        assertThat(file).as("the filesystem store's layout").exists();
        java.nio.file.Files.writeString(file, "bytes to d4mage");

        long before = lastEventId();
        Http.Reply scrubbed = admin.post("/api/v1/scrub?blobs=1000000", null);
        assertStatus(scrubbed, 200);
        assertThat(scrubbed.json().get("corrupt").asLong()).isEqualTo(1);
        assertThat(scrubbed.json().get("checked").asLong()).isGreaterThanOrEqualTo(2);
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("scrub.run");
        assertThat(event.result()).isEqualTo("success");

        assertStatus(admin.get("/v2/scrub/app/blobs/" + damaged), 404);
        assertStatus(admin.get("/v2/scrub/app/blobs/" + sound), 200);
        assertError(admin.post("/api/v1/scrub?blobs=0", null), 400, "UNSUPPORTED");
        assertError(user("scrubber", false).post("/api/v1/scrub", null), 403, "DENIED");
        assertError(anonymous.post("/api/v1/scrub", null), 401, "UNAUTHORIZED");
    }

    private static String push(String repository, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String digest = AdminRobotsTest.sha256(bytes);
        assertStatus(admin.send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest, bytes,
                "Content-Type", OCTET), 201);
        return digest;
    }
}
