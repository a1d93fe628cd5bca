package newsroom.render;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import newsroom.json.LightJson;

/**
 * The releases changed since the search index's word files were last written, each as it now
 * is: its words and weights, category and year, or nothing where it has left the index
 * (withdrawn). The browser reads it with the manifest and lets it win over the word files: a
 * release it names is found by its words here and no longer by its words there. So a publish
 * writes this one small file instead of the postings and dictionaries of every word the release
 * has (a hundred objects or so), and the word files take the changes in once every
 * {@code SearchIndexer.FOLD} releases. It carries what a result shows of each release too, so a
 * publish does not write the release's result file until the fold.
 *
 * <p>On the wire: {@code {"docs": {"<number>": {"i": id, "c": category, "y": year, "w": {word:
 * weight}, "r": result}}}}, category and year as in {@link SearchFacets} (place in the manifest's
 * list plus one, year less 1900), the result as its file has it ({@code t}, {@code u}, {@code d},
 * {@code c}, {@code s}); a release that left the index is {@code {"i": id}}. The id is the
 * release's public one (the feeds' {@code urn:uuid}): the writer needs it to fold the release in.
 */
public final class SearchRecent {
    /**
     * One release as the index now has it, with what its result shows; no words, no result and
     * category 0 when it has left the index.
     */
    public record Entry(String id, int category, int year, Map<String, Integer> terms, Map<String, Object> result) {
        public boolean listed() {
            return category > 0;
        }
    }

    private final Map<Integer, Entry> docs = new TreeMap<>();

    public static SearchRecent empty() {
        return new SearchRecent();
    }

    /** Another of the same entries, changed apart from this one. */
    public SearchRecent copy() {
        SearchRecent copy = new SearchRecent();
        copy.docs.putAll(docs);
        return copy;
    }

    public static SearchRecent parse(byte[] json) {
        SearchRecent recent = new SearchRecent();
        try {
            Map<?, ?> raw = (Map<?, ?>) LightJson.readPlain(json, "the recent search changes");
            for (Map.Entry<?, ?> each : ((Map<?, ?>) raw.get("docs")).entrySet()) {
                Map<?, ?> entry = (Map<?, ?>) each.getValue();
                Map<String, Integer> terms = new LinkedHashMap<>();
                if (entry.get("w") instanceof Map<?, ?> words) {
                    words.forEach((word, weight) -> terms.put((String) word, ((Number) weight).intValue()));
                }
                int category = entry.get("c") instanceof Number c ? c.intValue() : 0;
                int year = entry.get("y") instanceof Number y ? y.intValue() : 0;
                Map<String, Object> result = new LinkedHashMap<>();
                if (entry.get("r") instanceof Map<?, ?> fields) {
                    fields.forEach((name, value) -> result.put((String) name, value));
                }
                recent.docs.put(Integer.parseInt((String) each.getKey()),
                        new Entry((String) entry.get("i"), category, year, terms, result));
            }
        } catch (ClassCastException | NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot read the recent search changes from JSON", e);
        }
        return recent;
    }

    /**
     * The release numbered {@code doc} as it now is (category as its place in the manifest's list),
     * and what its result shows.
     */
    public void listed(int doc, String id, int category, int year, Map<String, Integer> terms,
                       Map<String, Object> result) {
        docs.put(doc, new Entry(id, category + 1, year - 1900, new TreeMap<>(terms), new LinkedHashMap<>(result)));
    }

    /** The release numbered {@code doc} has left the index. */
    public void gone(int doc, String id) {
        docs.put(doc, new Entry(id, 0, 0, Map.of(), Map.of()));
    }

    /** Its entry here, or null when the word files have it as it is. */
    public Entry get(int doc) {
        return docs.get(doc);
    }

    public Map<Integer, Entry> entries() {
        return Collections.unmodifiableMap(docs);
    }

    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        docs.values().forEach(e -> ids.add(e.id()));
        return ids;
    }

    public int size() {
        return docs.size();
    }

    public boolean isEmpty() {
        return docs.isEmpty();
    }

    public byte[] toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        docs.forEach((doc, entry) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("i", entry.id());
            if (entry.listed()) {
                fields.put("c", entry.category());
                fields.put("y", entry.year());
                fields.put("w", entry.terms());
                fields.put("r", entry.result());
            }
            out.put(String.valueOf(doc), fields);
        });
        return LightJson.plain(Map.of("docs", out)).getBytes(StandardCharsets.UTF_8);
    }
}
