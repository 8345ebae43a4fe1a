package io.stowage.oci.manifest;

import io.stowage.oci.error.ManifestInvalidException;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The parser's contract for input of unknown quality: a faithful parse or MANIFEST_INVALID, nothing else. */
final class ManifestAssertions {

    static Optional<Manifest> assertParsesOrIsInvalid(byte[] content, String contentType) {
        Manifest[] parsed = new Manifest[1];
        Throwable thrown = catchThrowable(() -> parsed[0] = ManifestParser.parse(content, contentType));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(ManifestInvalidException.class);
            return Optional.empty();
        }
        assertThat(parsed[0].content()).isEqualTo(content);
        return Optional.of(parsed[0]);
    }

    private ManifestAssertions() {
    }
}
