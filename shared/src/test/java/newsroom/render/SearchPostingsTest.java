package newsroom.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchPostingsTest {

    @Test
    void numbersSurviveTheCompactEncoding() {
        StringBuilder out = new StringBuilder();
        List<Integer> values = List.of(0, 1, 31, 32, 1023, 1024, 99_999, Integer.MAX_VALUE);
        values.forEach(v -> SearchPostings.encode(out, v));
        assertEquals(values, SearchPostings.decode(out.toString()));
        assertEquals("1V", encoded(1, 31), "a small number is one character");
    }

    private static String encoded(int... values) {
        StringBuilder out = new StringBuilder();
        for (int v : values) {
            SearchPostings.encode(out, v);
        }
        return out.toString();
    }

    @Test
    void aWordKeepsItsTitleMatchesAndOnlyTheNewestBodyMatches() {
        SearchPostings postings = new SearchPostings();
        for (int doc = 1; doc <= SearchPostings.BODY_CAP + 50; doc++) {
            postings.add(doc, SearchTerms.BODY);
        }
        postings.add(3, SearchTerms.TITLE); // now in a title: it stays however old
        SearchPostings read = SearchPostings.parse(postings.toJson());
        List<SearchPostings.Posting> all = read.postings();
        assertEquals(1 + SearchPostings.BODY_CAP, all.size(), "the title match and the newest body matches");
        assertTrue(all.contains(new SearchPostings.Posting(3, SearchTerms.TITLE)));
        assertTrue(all.contains(new SearchPostings.Posting(SearchPostings.BODY_CAP + 50, SearchTerms.BODY)));
        assertTrue(all.stream().noneMatch(p -> p.doc() == 4), "the oldest body matches went");
    }

    @Test
    void theWireFormatIsThreeGroupsOfDifferences() {
        SearchPostings postings = new SearchPostings();
        postings.add(40, SearchTerms.TITLE);
        postings.add(7, SearchTerms.TITLE);
        postings.add(9, SearchTerms.SUMMARY);
        postings.add(12, SearchTerms.BODY);
        postings.remove(Set.of(12));
        postings.add(13, SearchTerms.BODY);
        assertEquals("[\"7X1\",\"9\",\"D\"]", new String(postings.toJson(), StandardCharsets.UTF_8),
                "7 then 33 more (two characters); 9; 13");
    }

    @Test
    void aStrongWordKeepsItsBestTwoThousand() {
        SearchPostings postings = new SearchPostings();
        for (int doc = 1; doc <= SearchPostings.CAP + 10; doc++) {
            postings.add(doc, doc <= 5 ? SearchTerms.TITLE : SearchTerms.SUMMARY);
        }
        List<SearchPostings.Posting> kept = SearchPostings.parse(postings.toJson()).postings();
        assertEquals(SearchPostings.CAP, kept.size());
        assertTrue(kept.stream().filter(p -> p.weight() == SearchTerms.TITLE).count() == 5, "titles first");
        assertTrue(kept.stream().noneMatch(p -> p.doc() == 6), "then the newest summaries");
    }

    @Test
    void facetsGiveEachReleasesCategoryAndYear() {
        SearchFacets facets = SearchFacets.empty();
        facets.set(101, 0, 2025);
        facets.set(103, 40, 2026);
        facets.set(100, 2, 1999);
        facets.clear(101);
        String json = new String(SearchFacets.parse(facets.toJson()).toJson(), StandardCharsets.UTF_8);
        assertEquals(new String(facets.toJson(), StandardCharsets.UTF_8), json, "the same after a round trip");
        assertTrue(json.contains("\"from\":100"), json);
        assertEquals(List.of(3, 0, 0, 41), SearchPostings.decode(com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build().valueToTree(newsroom.json.Json.read(json, java.util.Map.class)).path("c").asText()));
    }
}
