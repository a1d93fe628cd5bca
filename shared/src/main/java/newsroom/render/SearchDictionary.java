package newsroom.render;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newsroom.json.LightJson;

/**
 * The words of the index that start with the same two letters, each with how many releases it
 * keeps and the name of its postings file (a hash of its content): what the browser reads to know a word exists, to
 * complete a word being typed and to find the word a typo stands for, before it fetches the
 * postings of exactly the words it needs.
 */
public final class SearchDictionary {
    /** A word's entry: its postings' count (the most frequent completions first) and content hash. */
    public record Entry(int count, String hash) {
    }

    private final Map<String, Entry> words;

    private SearchDictionary(Map<String, Entry> words) {
        this.words = words;
    }

    public static SearchDictionary empty() {
        return new SearchDictionary(new TreeMap<>());
    }

    public static SearchDictionary parse(byte[] json) {
        Map<String, Entry> words = new TreeMap<>();
        try {
            @SuppressWarnings("unchecked")
            Map<String, List<Object>> raw = (Map<String, List<Object>>) LightJson.readPlain(json, "a search dictionary");
            raw.forEach((word, pair) -> words.put(word, new Entry(((Number) pair.get(0)).intValue(), (String) pair.get(1))));
        } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
            throw new IllegalArgumentException("cannot read a search dictionary from JSON", e);
        }
        return new SearchDictionary(words);
    }

    public Entry get(String word) {
        return words.get(word);
    }

    public void put(String word, Entry entry) {
        words.put(word, entry);
    }

    public void remove(String word) {
        words.remove(word);
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** {"word": [count, "hash"], ...} */
    public byte[] toJson() {
        Map<String, List<Object>> raw = new TreeMap<>();
        words.forEach((word, entry) -> raw.put(word, List.of(entry.count(), entry.hash())));
        return LightJson.plain(raw).getBytes(StandardCharsets.UTF_8);
    }
}
