package newsroom.domain;

import java.text.Normalizer;
import java.util.Locale;

/** Readable URL slugs from release titles. */
public final class Slugs {
    static final int MAX_LENGTH = 80;

    private Slugs() {
    }

    /**
     * Lower-case ASCII words joined by hyphens, cut at a word boundary; "release" when the title
     * has no letters or digits at all, so a slug is never empty.
     */
    public static String fromTitle(String title) {
        String folded = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .replace("'", "")
                .replace("\u2019", "")
                .toLowerCase(Locale.ROOT);
        String slug = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
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
