package newsroom.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import newsroom.json.LightJson;

/**
 * Each indexed release's category and year, by release number: read by the browser only when
 * the reader filters, so the postings carry nothing but numbers and weights. Two strings of
 * variable-length numbers (as in {@link SearchPostings}) from the release numbered {@code from}:
 * the category's place in the manifest's list plus one, and the year less 1900; 0 where no
 * release is listed.
 */
public final class SearchFacets {
    private int from;
    private int[] categories = new int[0];
    private int[] years = new int[0];

    public static SearchFacets empty() {
        return new SearchFacets();
    }

    public static SearchFacets parse(byte[] json) {
        Map<String, Object> raw;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = (Map<String, Object>) LightJson.readPlain(json, "the search facets");
            raw = read;
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("cannot read the search facets from JSON", e);
        }
        SearchFacets facets = new SearchFacets();
        facets.from = ((Number) raw.getOrDefault("from", 0)).intValue();
        List<Integer> c = SearchPostings.decode(String.valueOf(raw.getOrDefault("c", "")));
        List<Integer> y = SearchPostings.decode(String.valueOf(raw.getOrDefault("y", "")));
        facets.categories = c.stream().mapToInt(Integer::intValue).toArray();
        facets.years = Arrays.copyOf(y.stream().mapToInt(Integer::intValue).toArray(), facets.categories.length);
        return facets;
    }

    /** Records a listed release (category as its place in the manifest's list). */
    public void set(int doc, int category, int year) {
        put(doc, category + 1, year - 1900);
    }

    public void clear(int doc) {
        if (doc >= from && doc < from + categories.length) {
            put(doc, 0, 0);
        }
    }

    private void put(int doc, int category, int year) {
        if (categories.length == 0) {
            from = doc;
        }
        if (doc < from) {
            int shift = from - doc;
            categories = prepend(categories, shift);
            years = prepend(years, shift);
            from = doc;
        }
        int at = doc - from;
        if (at >= categories.length) {
            categories = Arrays.copyOf(categories, Math.max(at + 1, categories.length + categories.length / 2));
            years = Arrays.copyOf(years, categories.length);
        }
        categories[at] = category;
        years[at] = year;
    }

    private static int[] prepend(int[] values, int shift) {
        int[] grown = new int[values.length + shift];
        System.arraycopy(values, 0, grown, shift, values.length);
        return grown;
    }

    public byte[] toJson() {
        int end = categories.length;
        while (end > 0 && categories[end - 1] == 0) {
            end--;
        }
        StringBuilder c = new StringBuilder();
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < end; i++) {
            SearchPostings.encode(c, categories[i]);
            SearchPostings.encode(y, years[i]);
        }
        // In this order always: the file is named by its content's hash.
        Map<String, Object> raw = new java.util.LinkedHashMap<>();
        raw.put("from", from);
        raw.put("c", c.toString());
        raw.put("y", y.toString());
        return LightJson.plain(raw).getBytes(StandardCharsets.UTF_8);
    }
}
