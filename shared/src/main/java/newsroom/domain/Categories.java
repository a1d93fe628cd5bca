package newsroom.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The press office's configured list of release categories, each with its URL slug. */
public final class Categories {
    /** Every page links its category, so a full rebuild asks for the same few slugs 30,000 times. */
    private static final Map<String, String> SLUGS = new ConcurrentHashMap<>();
    private final List<String> names;

    public Categories(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one category must be configured");
        }
        this.names = List.copyOf(names);
    }

    /** Parses "Crime Operations, Appeals, ..." as set in configuration. */
    public static Categories parse(String commaSeparated) {
        return new Categories(Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList());
    }

    public List<String> names() {
        return names;
    }

    /** The configured spelling of a category, matched without regard to case. */
    public Optional<String> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return names.stream().filter(n -> n.equalsIgnoreCase(name.strip())).findFirst();
    }

    public static String slugOf(String category) {
        String cached = SLUGS.get(category);
        if (cached != null) {
            return cached;
        }
        String slug = Slugs.fromTitle(category);
        if (SLUGS.size() < 1_000) { // a handful of categories; the bound only guards against misuse
            SLUGS.put(category, slug);
        }
        return slug;
    }
}
