package newsroom.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import newsroom.json.LightJson;

/**
 * One word's postings in the search index: the releases it is in, each with the weight of where
 * (title 3, summary/category/tags 2, body 1). A word keeps a bounded number, so its file, and the
 * work of changing it, stays bounded however large the archive grows: its best {@link #CAP}
 * title and summary matches (title first, then newest) and its newest {@link #BODY_CAP} body
 * matches.
 *
 * <p>On the wire it is three strings, one per weight, each the release numbers in ascending order
 * as differences from the one before, each difference a variable-length number in URL-safe
 * characters (five bits a character): a word in a tenth of 10,000 releases is about a kilobyte
 * gzipped, a third of the same list as JSON numbers with a category and a year each.
 */
public final class SearchPostings {
    public static final int CAP = 2000;
    public static final int BODY_CAP = 200;
    static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

    /** One release's place under the word. */
    public record Posting(int doc, int weight) {
    }

    // Sorted by release number; the rebuild adds in ascending order, so adding is appending.
    private int[] docs = new int[8];
    private byte[] weights = new byte[8];
    private int size;

    public static SearchPostings parse(byte[] json) {
        List<String> groups = new ArrayList<>();
        if (!(LightJson.readPlain(json, "search postings") instanceof List<?> read)) {
            throw new IllegalArgumentException("cannot read search postings from JSON");
        }
        for (Object group : read) {
            if (!(group instanceof String text)) {
                throw new IllegalArgumentException("cannot read search postings from JSON");
            }
            groups.add(text);
        }
        SearchPostings postings = new SearchPostings();
        List<Posting> all = new ArrayList<>();
        for (int g = 0; g < groups.size() && g < 3; g++) {
            int weight = 3 - g;
            int doc = 0;
            for (int value : decode(groups.get(g))) {
                doc += value;
                all.add(new Posting(doc, weight));
            }
        }
        all.sort(Comparator.comparingInt(Posting::doc));
        all.forEach(p -> postings.add(p.doc(), p.weight()));
        return postings;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Where this release is under the word now (its weight replaced if it was there). */
    public void add(int doc, int weight) {
        int at = Arrays.binarySearch(docs, 0, size, doc);
        if (at >= 0) {
            weights[at] = (byte) weight;
            return;
        }
        int insert = -at - 1;
        if (size == docs.length) {
            docs = Arrays.copyOf(docs, size * 2);
            weights = Arrays.copyOf(weights, size * 2);
        }
        System.arraycopy(docs, insert, docs, insert + 1, size - insert);
        System.arraycopy(weights, insert, weights, insert + 1, size - insert);
        docs[insert] = doc;
        weights[insert] = (byte) weight;
        size++;
        if (size > 4 * (CAP + BODY_CAP)) {
            trim(); // keeps a rebuild's memory bounded however large the archive
        }
    }

    public void remove(Collection<Integer> gone) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!gone.contains(docs[i])) {
                docs[kept] = docs[i];
                weights[kept] = weights[i];
                kept++;
            }
        }
        size = kept;
    }

    /** Drops what is beyond the caps: the weakest, then oldest, strong matches; the oldest body ones. */
    public void trim() {
        List<Posting> strong = new ArrayList<>();
        List<Posting> body = new ArrayList<>();
        for (Posting p : postings()) {
            (p.weight() > SearchTerms.BODY ? strong : body).add(p);
        }
        if (strong.size() <= CAP && body.size() <= BODY_CAP) {
            return;
        }
        strong.sort(Comparator.comparingInt(Posting::weight).reversed()
                .thenComparing(Comparator.comparingInt(Posting::doc).reversed()));
        body.sort(Comparator.comparingInt(Posting::doc).reversed());
        List<Posting> kept = new ArrayList<>(strong.subList(0, Math.min(CAP, strong.size())));
        kept.addAll(body.subList(0, Math.min(BODY_CAP, body.size())));
        kept.sort(Comparator.comparingInt(Posting::doc));
        size = 0;
        kept.forEach(p -> {
            docs[size] = p.doc();
            weights[size] = (byte) p.weight();
            size++;
        });
    }

    /** Every posting, by release number. */
    public List<Posting> postings() {
        List<Posting> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(new Posting(docs[i], weights[i]));
        }
        return all;
    }

    /** As the browser reads it: ["title numbers", "summary numbers", "body numbers"]. */
    public byte[] toJson() {
        trim();
        StringBuilder[] groups = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
        int[] previous = new int[3];
        for (int i = 0; i < size; i++) {
            int g = 3 - Math.max(1, Math.min(3, weights[i]));
            encode(groups[g], docs[i] - previous[g]);
            previous[g] = docs[i];
        }
        return LightJson.plain(List.of(groups[0].toString(), groups[1].toString(), groups[2].toString()))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Appends a number: its five-bit digits, most significant first, all but the last marked as continuing. */
    static void encode(StringBuilder out, int value) {
        int digits = 1;
        while (value >>> (5 * digits) != 0) {
            digits++;
        }
        for (int d = digits - 1; d >= 0; d--) {
            int digit = (value >>> (5 * d)) & 31;
            out.append(DIGITS.charAt(d > 0 ? digit + 32 : digit));
        }
    }

    static List<Integer> decode(String text) {
        List<Integer> values = new ArrayList<>();
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            int c = DIGITS.indexOf(text.charAt(i));
            if (c < 0) {
                throw new IllegalArgumentException("not a search index number");
            }
            value = (value << 5) | (c & 31);
            if (c < 32) {
                values.add(value);
                value = 0;
            }
        }
        return values;
    }
}
