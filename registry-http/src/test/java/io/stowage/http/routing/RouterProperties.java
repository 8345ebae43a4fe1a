package io.stowage.http.routing;

import io.stowage.oci.RepositoryName;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any name the spec's grammar produces, including names whose components are the API's own words (blobs,
 * manifests, uploads, tags, list, referrers), round-trips through every route shape: the router gives back the
 * name and reference the path was built from.
 */
class RouterProperties {

    private static final List<String> ENDPOINT_WORDS =
            List.of("blobs", "manifests", "uploads", "tags", "list", "referrers", "v2", "catalog");

    @Property(tries = 500)
    void tagListRoundTrips(@ForAll("names") String name) {
        assertThat(Router.match("/v2/" + name + "/tags/list")).isEqualTo(new Route.TagList(repo(name)));
    }

    @Property(tries = 500)
    void manifestRoundTrips(@ForAll("names") String name, @ForAll("references") String reference) {
        assertThat(Router.match("/v2/" + name + "/manifests/" + reference))
                .isEqualTo(new Route.Manifest(repo(name), reference));
    }

    @Property(tries = 500)
    void blobRoundTrips(@ForAll("names") String name, @ForAll("digests") String digest) {
        assertThat(Router.match("/v2/" + name + "/blobs/" + digest)).isEqualTo(new Route.Blob(repo(name), digest));
    }

    @Property(tries = 500)
    void uploadStartRoundTrips(@ForAll("names") String name) {
        assertThat(Router.match("/v2/" + name + "/blobs/uploads/")).isEqualTo(new Route.UploadStart(repo(name)));
    }

    @Property(tries = 500)
    void uploadRoundTrips(@ForAll("names") String name, @ForAll("uploadIds") String id) {
        assertThat(Router.match("/v2/" + name + "/blobs/uploads/" + id)).isEqualTo(new Route.Upload(repo(name), id));
    }

    @Property(tries = 500)
    void referrersRoundTrips(@ForAll("names") String name, @ForAll("digests") String digest) {
        assertThat(Router.match("/v2/" + name + "/referrers/" + digest))
                .isEqualTo(new Route.Referrers(repo(name), digest));
    }

    /** {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*}, up to 255 characters. */
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> alphanumeric = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> word = Arbitraries.frequencyOf(
                Tuple.of(3, alphanumeric),
                Tuple.of(2, Arbitraries.of(ENDPOINT_WORDS)));
        Arbitrary<String> separator = Arbitraries.oneOf(Arbitraries.of(".", "_", "__"),
                Arbitraries.strings().withChars('-').ofMinLength(1).ofMaxLength(3));
        Arbitrary<String> component = Combinators.combine(word,
                        Combinators.combine(separator, word).as(String::concat).list().ofMaxSize(2))
                .as((first, rest) -> first + String.join("", rest));
        return component.list().ofMinSize(1).ofMaxSize(6)
                .map(components -> String.join("/", components))
                .filter(name -> name.length() <= RepositoryName.MAX_LENGTH);
    }

    /** Tags by the spec's grammar (including endpoint words) and digests. */
    @Provide
    Arbitrary<String> references() {
        Arbitrary<String> tag = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                                .withChars('_').ofLength(1),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                                .withCharRange('0', '9').withChars('.', '_', '-').ofMaxLength(127))
                .as(String::concat);
        return Arbitraries.oneOf(tag, Arbitraries.of(ENDPOINT_WORDS), digests());
    }

    @Provide
    Arbitrary<String> digests() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(hex -> "sha256:" + hex),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(128).map(hex -> "sha512:" + hex));
    }

    @Provide
    Arbitrary<String> uploadIds() {
        return Arbitraries.randomValue(random -> new UUID(random.nextLong(), random.nextLong()).toString());
    }

    private static RepositoryName repo(String name) {
        return RepositoryName.parse(name);
    }
}
