package newsroom.render;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newsroom.json.Json;

/**
 * One shard of the search index: the words that start with its two letters, each with the
 * releases it is in, best first (weight, then newest). A posting is four numbers: the release's
 * number, the weight, its category's number and its year; a word keeps a bounded number, so a
 * shard, and the work of changing it, stays bounded however large the archive grows (its best
 * {@link #CAP} title matches and newest {@link #BODY_CAP} body matches).
 */
public final class SearchShard {
    /**
     * Postings a word keeps where it is in a title, summary, category or tag (the matches that
     * rank first): enough to find any release by its title's words in a large archive.
     */
    public static final int CAP = 2000;
    /** Postings a word keeps where it is only in the body: the newest few hundred. */
    public static final int BODY_CAP = 200;
    private static final int FIELDS = 4;

    /** One release's place under a word. */
    public record Posting(int doc, int weight, int category, int year) {
    }

    private final Map<String, List<Posting>> terms;

    private SearchShard(Map<String, List<Posting>> terms) {
        this.terms = terms;
    }

    public static SearchShard empty() {
        return new SearchShard(new TreeMap<>());
    }

    public static SearchShard parse(byte[] json) {
        Map<String, int[]> raw = Json.read(new String(json, StandardCharsets.UTF_8), new TypeReference<>() { });
        Map<String, List<Posting>> terms = new TreeMap<>();
        raw.forEach((term, flat) -> {
            List<Posting> postings = new ArrayList<>(flat.length / FIELDS);
            int doc = 0;
            for (int i = 0; i + FIELDS - 1 < flat.length; i += FIELDS) {
                doc += flat[i]; // numbers are stored as differences from the one before
                postings.add(new Posting(doc, flat[i + 1], flat[i + 2], flat[i + 3]));
            }
            terms.put(term, postings);
        });
        return new SearchShard(terms);
    }

    /** Removes these releases from every word of the shard. */
    public void remove(Collection<Integer> docs) {
        java.util.Set<Integer> gone = new java.util.HashSet<>(docs);
        terms.values().forEach(postings -> postings.removeIf(p -> gone.contains(p.doc())));
        terms.values().removeIf(List::isEmpty);
    }

    public void add(String term, Posting posting) {
        List<Posting> postings = terms.computeIfAbsent(term, t -> new ArrayList<>());
        postings.removeIf(p -> p.doc() == posting.doc());
        postings.add(posting);
        postings.sort(Comparator.comparingInt(Posting::weight).reversed()
                .thenComparing(Comparator.comparingInt(Posting::doc).reversed()));
        int strong = 0;
        int body = 0;
        for (java.util.Iterator<Posting> it = postings.iterator(); it.hasNext(); ) {
            Posting p = it.next();
            boolean keep = p.weight() > SearchTerms.BODY ? ++strong <= CAP : ++body <= BODY_CAP;
            if (!keep) {
                it.remove();
            }
        }
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    public List<Posting> postings(String term) {
        return terms.getOrDefault(term, List.of());
    }

    /**
     * As the browser reads it: {"word": [doc, weight, category, year, ...]}, the release numbers as
     * differences in the order kept (best first), which makes the shard smaller.
     */
    public byte[] toJson() {
        Map<String, int[]> raw = new TreeMap<>();
        terms.forEach((term, postings) -> {
            int[] flat = new int[postings.size() * FIELDS];
            int previous = 0;
            for (int i = 0; i < postings.size(); i++) {
                Posting p = postings.get(i);
                flat[i * FIELDS] = p.doc() - previous;
                previous = p.doc();
                flat[i * FIELDS + 1] = p.weight();
                flat[i * FIELDS + 2] = p.category();
                flat[i * FIELDS + 3] = p.year();
            }
            raw.put(term, flat);
        });
        return Json.write(raw).getBytes(StandardCharsets.UTF_8);
    }
}
