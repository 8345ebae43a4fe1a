package io.stowage.http.headers;

import io.stowage.oci.MediaTypes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.From;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptHeaderProperties {

    private static final String DOCKER_PULL = String.join(", ",
            MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);

    @Property
    void parsingNeverThrows(@ForAll String header, @ForAll String mediaType) {
        AcceptHeader accept = AcceptHeader.parse(header);

        accept.accepts(mediaType);
        AcceptHeader.mediaTypeOf(header);
    }

    @Property
    void parsingAcceptLikeGarbageNeverThrows(@ForAll("acceptLike") String header) {
        AcceptHeader accept = AcceptHeader.parse(header);

        accept.accepts(MediaTypes.OCI_MANIFEST);
        assertThat(accept.ranges()).allSatisfy(range -> assertThat(range.weight()).isBetween(0, 1000));
    }

    @Property
    void everyListedTypeIsAcceptedAndNoOther(@ForAll @Size(min = 1, max = 5) Set<@From("mediaTypes") String> listed, @ForAll("mediaTypes") String other) {
        AcceptHeader accept = AcceptHeader.parse(String.join(",", listed));

        assertThat(listed).allSatisfy(type -> assertThat(accept.accepts(type)).isTrue());
        assertThat(accept.accepts(other)).isEqualTo(listed.contains(other));
    }

    @Property
    void theWeightDecides(@ForAll @IntRange(min = 0, max = 1000) int thousandths) {
        String q = thousandths == 1000 ? "1.000" : String.format("0.%03d", thousandths);

        AcceptHeader accept = AcceptHeader.parse(MediaTypes.OCI_MANIFEST + ";q=" + q);

        assertThat(accept.ranges()).singleElement()
                .extracting(AcceptHeader.MediaRange::weight).isEqualTo(thousandths);
        assertThat(accept.accepts(MediaTypes.OCI_MANIFEST)).isEqualTo(thousandths > 0);
    }

    @Property
    void mediaTypeOfIgnoresParametersCaseAndSpace(@ForAll("mediaTypes") String type, @ForAll("parameters") String params) {
        assertThat(AcceptHeader.mediaTypeOf("  " + type.toUpperCase() + " " + params)).isEqualTo(type);
    }

    @Example
    void anAbsentOrEmptyHeaderAcceptsAnything() {
        assertThat(AcceptHeader.parse(null).accepts(MediaTypes.OCI_INDEX)).isTrue();
        assertThat(AcceptHeader.parse("").accepts(MediaTypes.OCI_INDEX)).isTrue();
        assertThat(AcceptHeader.parse(" , ").accepts(MediaTypes.OCI_INDEX)).isTrue();
        assertThat(AcceptHeader.parse("not a media range").accepts(MediaTypes.OCI_INDEX)).isTrue();
    }

    @Example
    void wildcards() {
        assertThat(AcceptHeader.parse("*/*").accepts(MediaTypes.OCI_MANIFEST)).isTrue();
        assertThat(AcceptHeader.parse("*").accepts(MediaTypes.OCI_MANIFEST)).isTrue();
        assertThat(AcceptHeader.parse("application/*").accepts(MediaTypes.OCI_MANIFEST)).isTrue();
        assertThat(AcceptHeader.parse("text/*").accepts(MediaTypes.OCI_MANIFEST)).isFalse();
        assertThat(AcceptHeader.parse("*/json").accepts(MediaTypes.JSON)).as("invalid range skipped").isTrue();
        assertThat(AcceptHeader.parse("*/json, text/plain").accepts(MediaTypes.JSON)).isFalse();
    }

    @Example
    void theMostSpecificRangeWins() {
        AcceptHeader accept = AcceptHeader.parse("*/*, " + MediaTypes.OCI_INDEX + ";q=0");
        assertThat(accept.accepts(MediaTypes.OCI_INDEX)).isFalse();
        assertThat(accept.accepts(MediaTypes.OCI_MANIFEST)).isTrue();

        AcceptHeader narrow = AcceptHeader.parse("application/*;q=0, application/json;q=0.1, */*");
        assertThat(narrow.accepts(MediaTypes.JSON)).isTrue();
        assertThat(narrow.accepts(MediaTypes.OCI_MANIFEST)).isFalse();
        assertThat(narrow.accepts("text/plain")).isTrue();
    }

    @Example
    void aTypicalPullHeader() {
        AcceptHeader accept = AcceptHeader.parse(DOCKER_PULL);

        assertThat(MediaTypes.MANIFESTS).allSatisfy(type -> assertThat(accept.accepts(type)).isTrue());
        assertThat(accept.accepts(MediaTypes.JSON)).isFalse();
        assertThat(accept.accepts("application/vnd.docker.distribution.manifest.v1+prettyjws")).isFalse();
    }

    @Example
    void matchingIgnoresCaseParametersAndSpacing() {
        AcceptHeader accept = AcceptHeader.parse(" Application/Vnd.OCI.Image.Manifest.v1+JSON ; charset=utf-8 ; Q=0.5 ");

        assertThat(accept.ranges()).containsExactly(
                new AcceptHeader.MediaRange("application", "vnd.oci.image.manifest.v1+json", 500));
        assertThat(accept.accepts(MediaTypes.OCI_MANIFEST + "; charset=utf-8")).isTrue();
    }

    @Example
    void quotedParametersMaySpanCommasAndSemicolons() {
        AcceptHeader accept = AcceptHeader.parse("text/plain; x=\"a, b/c; q=0\", application/json; y=\"\\\",\"");

        assertThat(accept.ranges()).extracting(r -> r.type() + "/" + r.subtype() + ":" + r.weight())
                .containsExactly("text/plain:1000", "application/json:1000");
    }

    @Example
    void invalidWeightsSkipTheirRange() {
        assertThat(AcceptHeader.parse("a/b;q=2, a/c;q=0.5000, a/d;q=-1, a/e;q=, a/f;q=.5").ranges())
                .extracting(r -> r.subtype() + ":" + r.weight())
                .containsExactly("f:500");
    }

    @Example
    void malformedMediaTypesAreNotAcceptableUnlessAnythingIs() {
        AcceptHeader accept = AcceptHeader.parse("*/*");
        assertThat(accept.accepts("nonsense")).isFalse();
        assertThat(accept.accepts(null)).isFalse();
        assertThat(AcceptHeader.parse(null).accepts(null)).isTrue();
    }

    @Example
    void mediaTypeOfAnAbsentHeaderIsEmpty() {
        assertThat(AcceptHeader.mediaTypeOf(null)).isEmpty();
        assertThat(AcceptHeader.mediaTypeOf(MediaTypes.OCI_MANIFEST)).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Provide
    Arbitrary<String> mediaTypes() {
        Arbitrary<String> known = Arbitraries.of(List.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
                MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.JSON, MediaTypes.OCTET_STREAM));
        Arbitrary<String> token = Arbitraries.strings().withChars("abcxyz0129.+-").ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> made = token.flatMap(type -> token.map(subtype -> type + "/" + subtype));
        return Arbitraries.oneOf(known, made);
    }

    @Provide
    Arbitrary<String> parameters() {
        return Arbitraries.of("", ";", "; charset=utf-8", ";q=0.5", "; a=\"x;y\"");
    }

    @Provide
    Arbitrary<String> acceptLike() {
        return Arbitraries.strings().withChars("ab/*;q=0.1,\" \\\t=Ab-").ofMaxLength(40);
    }
}
