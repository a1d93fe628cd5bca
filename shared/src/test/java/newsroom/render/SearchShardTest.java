package newsroom.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsroom.domain.ContactBlock;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import org.junit.jupiter.api.Test;

class SearchShardTest {

    @Test
    void wordsAreFoldedAndWeightedByWhereTheyAre() {
        Release release = new Release("r1", "slug", "Café closed after fire", "The café in Mill Lane", "Fire crews **attended**.",
                "Road Safety", List.of("Fire"), new ContactBlock("Press office", "101", null), null, List.of(),
                ReleaseStatus.PUBLISHED, "a", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, List.of(), null, 1);
        Map<String, Integer> terms = SearchTerms.of(release);
        assertEquals(3, terms.get("cafe"), "accents folded; the title's weight");
        assertEquals(3, terms.get("fire"), "the highest of where it is");
        assertEquals(2, terms.get("mill"));
        assertEquals(1, terms.get("attended"), "the body, without its Markdown");
        assertTrue(!terms.containsKey("the") && !terms.containsKey("in"), "words too common to search by");
    }

    @Test
    void aShardKeepsEachWordsBestPostingsAndReadsBackWhatItWrote() {
        SearchShard shard = SearchShard.empty();
        for (int doc = 1; doc <= SearchShard.BODY_CAP + 50; doc++) {
            shard.add("police", new SearchShard.Posting(doc, 1, 0, 2026));
        }
        shard.add("police", new SearchShard.Posting(3, 3, 1, 2025)); // now in a title: it moves up
        SearchShard read = SearchShard.parse(shard.toJson());
        List<SearchShard.Posting> postings = read.postings("police");
        assertEquals(new SearchShard.Posting(3, 3, 1, 2025), postings.get(0), "title matches first");
        assertEquals(1 + SearchShard.BODY_CAP, postings.size(), "the title match and the newest body matches");
        assertEquals(SearchShard.BODY_CAP + 50, postings.get(1).doc(), "then the newest");
        read.remove(List.of(3));
        assertTrue(read.postings("police").stream().noneMatch(p -> p.doc() == 3));
    }
}
