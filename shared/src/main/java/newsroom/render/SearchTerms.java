package newsroom.render;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newsroom.domain.Release;

/**
 * The words a release is found by, each with the weight of where it appears: the title (3) over
 * the summary, category and tags (2) over the body (1). Words are lower-cased and stripped of
 * accents, so "Café" is found by "cafe"; a few words too common to search by are left out. The
 * browser's search module reads queries the same way (search.js).
 */
public final class SearchTerms {
    public static final int TITLE = 3;
    public static final int SUMMARY = 2;
    public static final int BODY = 1;
    private static final Set<String> STOP = Set.of("the", "and", "of", "to", "in", "for", "on", "at", "is", "was",
            "with", "by", "an", "be", "as", "are", "from", "this", "that", "it", "or", "has", "have", "had", "will",
            "we", "he", "she", "they", "his", "her", "their", "our", "you", "your", "not", "but", "were", "been", "who",
            "which", "its", "if", "so", "no", "do", "any", "all", "can", "would", "there", "into", "about");

    private SearchTerms() {
    }

    /** The words of a text, in the order they come, as search keeps them. */
    public static java.util.List<String> words(String text) {
        java.util.List<String> words = new java.util.ArrayList<>();
        if (text == null) {
            return words;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        for (String word : folded.split("[^a-z0-9]+")) {
            if (word.length() >= 2 && word.length() <= 40 && !STOP.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** Each word of the release with the highest weight it has in it. */
    public static Map<String, Integer> of(Release release) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        add(terms, release.title(), TITLE);
        add(terms, release.summary(), SUMMARY);
        add(terms, release.category(), SUMMARY);
        release.tags().forEach(tag -> add(terms, tag, SUMMARY));
        add(terms, Markdown.toText(release.body()), BODY);
        return terms;
    }

    private static void add(Map<String, Integer> terms, String text, int weight) {
        for (String word : words(text)) {
            terms.merge(word, weight, Math::max);
        }
    }

    /** The shard a word's postings are in: its first two letters. */
    public static String shardOf(String term) {
        return term.substring(0, 2);
    }
}
