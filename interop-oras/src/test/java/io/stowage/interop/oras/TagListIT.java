package io.stowage.interop.oras;

import land.oras.ContainerRef;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.Tags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tag listing, whole and page by page. The SDK does not follow pages by itself: {@code getTags(ref, n, last)} asks
 * for one page and reads the next page's {@code last} out of the {@code Link} header, which the caller passes back.
 */
class TagListIT extends OrasTestBase {

    private static final int TAG_COUNT = 14;

    static List<String> pushedTags;

    @BeforeAll
    static void pushTags() throws Exception {
        Path file = BinaryFiles.random(dir.resolve("tags/content.bin"), 1_024, 41);
        ContainerRef first = stowage.ref("oras/tagged:t00");
        oras.pushArtifact(first, LocalPath.of(file));
        // The same manifest under further tags, pushed in an order other than the listing's lexical order.
        Manifest manifest = oras.getManifest(first);
        pushedTags = IntStream.range(0, TAG_COUNT).mapToObj(i -> "t%02d".formatted(i)).toList();
        for (String tag : pushedTags.reversed()) {
            oras.pushManifest(first.withTag(tag), manifest);
        }
    }

    @Test
    void listsAllTagsInLexicalOrderWithoutPaging() {
        Tags tags = oras.getTags(stowage.ref("oras/tagged"));

        assertThat(tags.name()).isEqualTo("oras/tagged");
        assertThat(tags.tags()).containsExactlyElementsOf(pushedTags);
        assertThat(tags.last()).as("no Link header, no next page").isNull();
    }

    @Test
    void pagesThroughAllTagsFollowingTheLinkHeader() {
        ContainerRef repository = stowage.ref("oras/tagged");
        int pageSize = 4;
        List<List<String>> pages = new ArrayList<>();
        String last = null;
        // Bounded, so that a "next" link that never ends fails the page-count check instead of hanging.
        do {
            Tags page = oras.getTags(repository, pageSize, last);
            pages.add(page.tags());
            last = page.last();
        } while (last != null && pages.size() <= TAG_COUNT);

        assertThat(pages).hasSize((TAG_COUNT + pageSize - 1) / pageSize);
        assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(page -> assertThat(page).hasSize(pageSize));
        assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(pushedTags);
    }

    @Test
    void aPageExactlyAsLargeAsTheListHasNoNextPage() {
        Tags tags = oras.getTags(stowage.ref("oras/tagged"), TAG_COUNT, null);

        assertThat(tags.tags()).containsExactlyElementsOf(pushedTags);
        assertThat(tags.last()).isNull();
    }
}
