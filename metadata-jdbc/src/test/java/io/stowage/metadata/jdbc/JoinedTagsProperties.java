package io.stowage.metadata.jdbc;

import io.stowage.oci.Tag;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinedTagsProperties {

    @Property(tries = 500)
    void splitReturnsTheTagsInListingOrderWhateverTheJoinedOrder(@ForAll("tagSets") List<String> tags,
                                                                  @ForAll long seed) throws Exception {
        List<String> shuffled = new ArrayList<>(tags);
        Collections.shuffle(shuffled, new Random(seed));

        // An aggregate over no rows is NULL.
        String joined = shuffled.isEmpty() ? null : String.join(",", shuffled);

        List<Tag> split = JoinedTags.parse(joined, shuffled.size());

        assertThat(split.stream().map(Tag::value).toList()).containsExactlyElementsOf(tags);
    }

    @Property(tries = 200)
    void aCountThatDoesNotMatchIsACorruptRow(@ForAll("tagSets") List<String> tags, @ForAll boolean more) {
        long count = more ? tags.size() + 1 : tags.size() - 1;
        String joined = tags.isEmpty() ? null : String.join(",", tags);

        assertThatThrownBy(() -> JoinedTags.parse(joined, count)).isInstanceOf(CorruptRowException.class);
    }

    @Example
    void noRowsIsNoTags() throws Exception {
        assertThat(JoinedTags.parse(null, 0)).isEmpty();
    }

    @Example
    void aStoredNameHoldingTheSeparatorOrAnInvalidNameIsACorruptRow() {
        // Two rows, one of them "a,b": three pieces for a count of two.
        assertThatThrownBy(() -> JoinedTags.parse("a,b,c", 2)).isInstanceOf(CorruptRowException.class);
        assertThatThrownBy(() -> JoinedTags.parse("a,.b", 2)).isInstanceOf(CorruptRowException.class);
        assertThatThrownBy(() -> JoinedTags.parse("a,", 2)).isInstanceOf(CorruptRowException.class);
        assertThatThrownBy(() -> JoinedTags.parse("", 1)).isInstanceOf(CorruptRowException.class);
    }

    /** Distinct valid tags, mixed case, in {@link Tag#ORDER}. */
    @Provide
    Arbitrary<List<String>> tagSets() {
        Arbitrary<String> tag = Arbitraries.strings().withChars("aAbB1_").ofLength(1)
                .flatMap(first -> Arbitraries.strings().withChars("aAbB1_.-").ofMaxLength(6).map(rest -> first + rest));
        return tag.set().ofMaxSize(40).map(set -> {
            TreeSet<String> ordered = new TreeSet<>(Tag.ORDER);
            ordered.addAll(set);
            return List.copyOf(ordered);
        });
    }
}
