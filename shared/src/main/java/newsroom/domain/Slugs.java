package newsroom.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Readable URL slugs from release titles. */
public final class Slugs {
    static final int MAX_LENGTH = 80;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-+|-+$");

    private Slugs() {
    }

    /**
     * Lower-case ASCII words joined by hyphens, cut at a word boundary; "release" when the title
     * has no letters or digits at all, so a slug is never empty.
     */
    public static String fromTitle(String title) {
        String folded = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .transform(s -> MARKS.matcher(s).replaceAll(""))
                .replace("'", "")
                .replace("\u2019", "")
                .toLowerCase(Locale.ROOT);
        String slug = EDGE_HYPHENS.matcher(NOT_WORD.matcher(folded).replaceAll("-")).replaceAll("");
        if (slug.length() > MAX_LENGTH) {
            int cut = slug.lastIndexOf('-', MAX_LENGTH);
            slug = slug.substring(0, cut > 0 ? cut : MAX_LENGTH);
        }
        return slug.isEmpty() ? "release" : slug;
    }

    /** The n-th alternative when a slug is taken: "title", "title-2", "title-3", ... */
    public static String withSuffix(String slug, int attempt) {
        return attempt <= 1 ? slug : slug + "-" + attempt;
    }
}
