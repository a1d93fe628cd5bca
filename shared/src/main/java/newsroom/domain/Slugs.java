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

    /**
     * The alternative when a slug is taken: the title's slug with a piece of the release's own id,
     * never a counter ("-2" would tell the public that another release, perhaps one still under
     * embargo, has the same title, and how many there are).
     */
    public static String withSuffix(String slug, String releaseId, int attempt) {
        String id = releaseId.replace("-", "");
        return attempt <= 1 ? slug : slug + "-" + id.substring(0, Math.min(id.length(), 4 + 2 * attempt));
    }

    /**
     * A draft's stand-in slug: no words from its title (a name later taken out must not stay in a
     * URL), made public only when the release is first scheduled or published. A double hyphen
     * never comes out of {@link #fromTitle}, so it cannot clash with a real one.
     */
    public static String forDraft(String releaseId) {
        return "draft--" + releaseId;
    }

    public static boolean isDraftSlug(String slug) {
        return slug.startsWith("draft--");
    }
}
