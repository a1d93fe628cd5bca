package newsroom.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Slugs are readable, ASCII, bounded and never empty. Pure. */
class SlugsTest {

    @Test
    void wordsBecomeLowerCaseHyphenated() {
        assertEquals("man-charged-after-m5-collision-near-bristol",
                Slugs.fromTitle("Man charged after M5 collision near Bristol"));
    }

    @Test
    void accentsAndApostrophesAreFolded() {
        assertEquals("cafe-owners-appeal-for-witnesses", Slugs.fromTitle("Café owner’s appeal for witnesses"));
    }

    @Test
    void punctuationOnlyTitleStillGetsASlug() {
        assertEquals("release", Slugs.fromTitle("!!! ???"));
    }

    @Test
    void longTitlesAreCutAtAWordBoundary() {
        String slug = Slugs.fromTitle("word ".repeat(40));
        assertTrue(slug.length() <= Slugs.MAX_LENGTH);
        assertTrue(slug.endsWith("word"));
    }

    @Test
    void suffixesCountFromTwo() {
        assertEquals("appeal", Slugs.withSuffix("appeal", 1));
        assertEquals("appeal-2", Slugs.withSuffix("appeal", 2));
    }
}
