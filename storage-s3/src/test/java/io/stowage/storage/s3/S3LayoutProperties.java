package io.stowage.storage.s3;

import io.stowage.storage.ObjectKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;

/** The naming scheme's promises that listing and reading rely on, for keys that share beginnings a lot. */
class S3LayoutProperties {

    private final S3Layout layout = new S3Layout("p/");

    private static final Comparator<S3Layout.PieceName> KEY_THEN_OFFSET =
            Comparator.comparing(S3Layout.PieceName::key).thenComparingLong(S3Layout.PieceName::offset);

    @Property(tries = 2000)
    void pieceNamesSortByKeyThenOffset(@ForAll("keys") String first, @ForAll @LongRange(max = 1L << 40) long a,
                                       @ForAll("keys") String second, @ForAll @LongRange(max = 1L << 40) long b) {
        int names = layout.pieceName(first, a).compareTo(layout.pieceName(second, b));
        int pieces = KEY_THEN_OFFSET.compare(new S3Layout.PieceName(first, a), new S3Layout.PieceName(second, b));

        assertThat(Integer.signum(names)).isEqualTo(Integer.signum(pieces));
    }

    @Property(tries = 1000)
    void namesTellTheirKeyAndOffset(@ForAll("keys") String key, @ForAll @LongRange(max = S3Layout.MAX_OFFSET) long at) {
        String piece = layout.pieceName(key, at);

        assertThat(layout.pieceOf(piece)).contains(new S3Layout.PieceName(key, at));
        assertThat(layout.keyOfWhole(piece)).isEmpty();
        assertThat(layout.keyOfWhole(layout.wholeName(key))).contains(key);
        assertThat(layout.pieceOf(layout.wholeName(key))).isEmpty();
        assertThat(piece).startsWith(layout.piecesPrefix(key)).startsWith(layout.piecesListingPrefix(key));
    }

    @Property(tries = 2000)
    void listingAfterAKeySkipsExactlyThePiecesOfKeysUpToIt(@ForAll("keys") String key,
                                                             @ForAll("keys") String startAfter) {
        String piece = layout.pieceName(key, 0);

        assertThat(piece.compareTo(layout.afterPiecesOf(startAfter)) > 0).isEqualTo(key.compareTo(startAfter) > 0);
        assertThat(layout.pieceName(key, S3Layout.MAX_OFFSET).compareTo(layout.afterPiecesOf(startAfter)) > 0)
                .isEqualTo(key.compareTo(startAfter) > 0);
    }

    @Property(tries = 1000)
    void theJumpOverThePiecesLandsBeforeEveryWholeAfterThem(@ForAll("keys") String key) {
        String jump = layout.afterAllPieces();

        assertThat(layout.pieceName(key, S3Layout.MAX_OFFSET)).isLessThan(jump);
        if (layout.wholeName(key).compareTo(layout.piecesListingPrefix("")) > 0) {
            assertThat(layout.wholeName(key)).isGreaterThan(jump);
        }
    }

    @Property(tries = 200)
    void theLongestNamesFitS3(@ForAll @LongRange(max = S3Layout.MAX_OFFSET) long at) {
        S3Layout longestPrefix = new S3Layout("p".repeat(S3Layout.MAX_KEY_PREFIX_LENGTH - 1) + "/");
        String longestKey = "k".repeat(ObjectKeys.MAX_SEGMENT_LENGTH) + "/"
                + ("k".repeat(ObjectKeys.MAX_SEGMENT_LENGTH - 1) + "/").repeat(2);
        longestKey += "k".repeat(ObjectKeys.MAX_KEY_LENGTH - longestKey.length());

        assertThat(ObjectKeys.isValidKey(longestKey)).isTrue();
        assertThat(longestPrefix.pieceName(longestKey, at)).hasSizeLessThanOrEqualTo(S3Layout.S3_MAX_NAME_LENGTH);
    }

    /** Short keys from few characters, chosen around '/': '-' and '.' sort before it, '0' and letters after. */
    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("a0-._").ofMinLength(1).ofMaxLength(3);
        return segment.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts))
                .filter(ObjectKeys::isValidKey);
    }
}
