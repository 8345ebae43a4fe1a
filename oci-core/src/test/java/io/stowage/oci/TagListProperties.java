package io.stowage.oci;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagListProperties {

    @Property(tries = 1000)
    void joinedNamesInAnyOrderParseToTheTagsInListingOrder(@ForAll("orderedNames") List<String> names,
                                                           @ForAll long seed) {
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, new Random(seed));

        TagList tags = TagList.parseJoined(bytes(String.join(",", shuffled)), shuffled.size());

        assertThat(tags.stream().map(Tag::value).toList()).containsExactlyElementsOf(names);
        assertThat(tags).isEqualTo(names.stream().map(Tag::parse).toList());
        byte[] joined = new byte[tags.joinedLength()];
        tags.copyJoined(joined, 0);
        assertThat(new String(joined, StandardCharsets.US_ASCII)).isEqualTo(String.join(",", names));
    }

    @Property(tries = 500)
    void firstIsAPrefixAndStaysATagList(@ForAll("orderedNames") List<String> names, @ForAll int seed) {
        TagList tags = TagList.of(names.stream().map(Tag::parse).toList());
        int n = Math.floorMod(seed, names.size() + 2);

        TagList first = tags.first(n);

        List<String> expected = names.subList(0, Math.min(n, names.size()));
        assertThat(first.stream().map(Tag::value).toList()).containsExactlyElementsOf(expected);
        assertThat(tags.subList(0, Math.min(n, names.size()))).isEqualTo(first);
        byte[] joined = new byte[first.joinedLength()];
        first.copyJoined(joined, 0);
        assertThat(new String(joined, StandardCharsets.US_ASCII)).isEqualTo(String.join(",", expected));
    }

    @Property(tries = 1000)
    void anInvalidNameOrAWrongCountIsRejected(@ForAll("orderedNames") List<String> names,
                                              @ForAll("anyNames") String intruder, @ForAll boolean countOff) {
        // An intruder holding the separator is two names, which a count one too high would make right again:
        // that case is an example below.
        Assume.that(intruder.indexOf(TagList.SEPARATOR) < 0);
        List<String> withIntruder = new ArrayList<>(names);
        withIntruder.add(intruder);
        boolean valid = Tag.isValid(intruder) && !names.contains(intruder) && !countOff;
        byte[] joined = bytes(String.join(",", withIntruder));
        int count = withIntruder.size() + (countOff ? 1 : 0);

        if (valid) {
            assertThat(TagList.parseJoined(joined, count)).hasSize(withIntruder.size());
        } else {
            assertThatThrownBy(() -> TagList.parseJoined(joined, count)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Example
    void aNameHoldingTheSeparatorIsTwoNames() {
        assertThatThrownBy(() -> TagList.parseJoined(bytes("a,b"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TagList.parseJoined(bytes("a,b"), 2)).extracting(Tag::value).containsExactly("a", "b");
    }

    @Example
    void empty() {
        assertThat(TagList.parseJoined(new byte[0], 0)).isEmpty();
        assertThat(TagList.of(List.of())).isSameAs(TagList.empty());
        assertThatThrownBy(() -> TagList.parseJoined(new byte[0], 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagList.parseJoined(bytes("a"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagList.of(List.of(Tag.parse("a"), Tag.parse("a"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void mixedCaseOrder() {
        TagList tags = TagList.parseJoined(bytes("b,B,_z,a,C,b2"), 6);

        assertThat(tags.stream().map(Tag::value)).containsExactly("_z", "a", "B", "b", "b2", "C");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Distinct valid tags, mixed case, in {@link Tag#ORDER}. */
    @Provide
    Arbitrary<List<String>> orderedNames() {
        Arbitrary<String> tag = Arbitraries.strings().withChars("aAbBzZ19_").ofLength(1)
                .flatMap(first -> Arbitraries.strings().withChars("aAbBzZ19_.-").ofMaxLength(6)
                        .map(rest -> first + rest));
        return tag.set().ofMaxSize(30).map(set -> {
            TreeSet<String> ordered = new TreeSet<>(Tag.ORDER);
            ordered.addAll(set);
            return List.copyOf(ordered);
        });
    }

    @Provide
    Arbitrary<String> anyNames() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("aB1_.-,:/ \u00e9").ofMaxLength(5),
                Arbitraries.strings().withChars("a").ofMinLength(127).ofMaxLength(130));
    }
}
