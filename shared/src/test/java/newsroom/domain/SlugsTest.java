package newsroom.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** A taken slug gets a piece of the release's own id, never a count of the others. */
    @Test
    void aSuffixComesFromTheReleaseItselfNotFromHowManyOthersThereAre() {
        String id = "3f0a2b9c-0000-4000-8000-000000000000";
        assertEquals("appeal", Slugs.withSuffix("appeal", id, 1));
        assertEquals("appeal-3f0a2b9c", Slugs.withSuffix("appeal", id, 2));
        assertEquals("appeal-3f0a2b9c00", Slugs.withSuffix("appeal", id, 3));
    }

    @Test
    void aDraftsSlugSaysNothingOfItsTitleAndCannotClashWithAReleasedOne() {
        String slug = Slugs.forDraft("3f0a2b9c-0000-4000-8000-000000000000");
        assertTrue(Slugs.isDraftSlug(slug));
        assertFalse(Slugs.isDraftSlug(Slugs.fromTitle("Draft -- plan for the bypass")), "never from a title");
    }
}
