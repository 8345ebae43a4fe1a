package io.stowage.http.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.TagList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JsonOut} and the list documents written with it, against Jackson as the oracle. */
class JsonOutProperties {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Property(tries = 2000)
    void anyStringReadsBackAsItself(@ForAll("anyStrings") String value) throws Exception {
        byte[] json = new JsonOut(0).string(value).toBytes();

        assertThat(JACKSON.readValue(json, String.class)).isEqualTo(value);
        for (byte b : json) {
            assertThat(b).as("ASCII only").isBetween((byte) 0x20, (byte) 0x7e);
        }
    }

    @Property(tries = 500)
    void arraysOfAnyStringsReadBackAsThemselves(@ForAll("stringLists") List<String> values) throws Exception {
        JsonOut out = new JsonOut(values.size()).raw("{\"a\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.string(values.get(i));
        }
        JsonNode read = JACKSON.readTree(out.raw("]}").toBytes());

        List<String> back = new ArrayList<>();
        read.get("a").forEach(node -> back.add(node.textValue()));
        assertThat(back).containsExactlyElementsOf(values);
    }

    @Property(tries = 300)
    void tagListIsWhatJacksonWritesForTheSameDocument(@ForAll("tagLists") List<String> names) throws Exception {
        RepositoryName repository = RepositoryName.parse("library/some-repo_1.x");
        TagList tags = TagList.of(names.stream().map(Tag::parse).toList());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", repository.value());
        document.put("tags", names);

        byte[] written = ListingHandler.tagListJson(repository, tags);

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(JACKSON.writeValueAsString(document));
    }

    @Property(tries = 1000)
    void joinedStringsAreWrittenAsEachStringOnItsOwn(@ForAll("latin1Lists") List<String> values) {
        byte[] joined = String.join(";", values).getBytes(StandardCharsets.ISO_8859_1);
        JsonOut expected = new JsonOut(0);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                expected.raw(',');
            }
            expected.string(values.get(i));
        }

        byte[] written = new JsonOut(0).stringsJoined(joined, joined.length, (byte) ';').toBytes();

        assertThat(written).isEqualTo(expected.toBytes());
    }

    @Property(tries = 300)
    void catalogIsWhatJacksonWritesForTheSameDocument(@ForAll("repositoryLists") List<String> names)
            throws Exception {
        List<RepositoryName> repositories = names.stream().map(RepositoryName::parse).toList();

        byte[] written = ListingHandler.catalogJson(repositories);

        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(JACKSON.writeValueAsString(Map.of("repositories", names)));
    }

    @Example
    void escapes() {
        String json = new String(new JsonOut(0).string("a\"b\\c\n\t\u0001\u007f\u00e9\ud83d\ude00\ud800")
                .toBytes(), StandardCharsets.US_ASCII);

        assertThat(json).isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\\u00e9\\ud83d\\ude00\\ud800\"");
    }

    @Provide
    Arbitrary<String> anyStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange((char) 0, (char) 0x80).ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\/\n\r\t\b\f\u0000\u001f\u2028\ud800\udc00a").ofMaxLength(20));
    }

    /** At least one string: an empty list joins to the same bytes as one empty string. */
    @Provide
    Arbitrary<List<String>> latin1Lists() {
        return Arbitraries.strings().withCharRange((char) 0, (char) 0xff).excludeChars(';').ofMaxLength(10)
                .list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<String>> stringLists() {
        return anyStrings().list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> tagLists() {
        Arbitrary<String> tag = Arbitraries.strings().withChars("abcXYZ019_").ofLength(1)
                .flatMap(first -> Arbitraries.strings().withChars("abcXYZ019_.-").ofMaxLength(127)
                        .map(rest -> first + rest));
        return tag.set().ofMaxSize(50).map(set -> set.stream().sorted(Tag.ORDER).toList());
    }

    @Provide
    Arbitrary<List<String>> repositoryLists() {
        Arbitrary<String> component = Arbitraries.strings().withChars("abc019").ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> name = component.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
        return name.list().ofMaxSize(30);
    }
}
