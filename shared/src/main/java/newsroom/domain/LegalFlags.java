package newsroom.domain;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured list of legal flags a release can carry. Configured as text, one flag per
 * semicolon: {@code key|label|days[|confirm]}, e.g.
 * {@code missing-person|Missing person appeal|7; names-suspect|Names a suspect|28|confirm}.
 */
public final class LegalFlags {
    /** What a fresh stack offers: the flags a UK police press office reviews most. */
    public static final String DEFAULTS = "names-suspect|Names a suspect|28|confirm;"
            + " missing-person|Missing person appeal|7;"
            + " names-victim|Names a victim|30;"
            + " images-of-people|Contains images of people|90;"
            + " court-case-active|Court case active|14|confirm";

    private final Map<String, LegalFlag> flags;
    /** As configured: the order the desk and the API list them in. */
    private final List<LegalFlag> ordered;

    public LegalFlags(List<LegalFlag> flags) {
        Map<String, LegalFlag> byKey = new LinkedHashMap<>();
        flags.forEach(f -> byKey.put(f.key(), f));
        this.flags = Map.copyOf(byKey);
        this.ordered = List.copyOf(byKey.values());
    }

    /** @throws IllegalArgumentException naming the entry at fault */
    public static LegalFlags parse(String text) {
        List<LegalFlag> flags = new ArrayList<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("\\|");
            if (parts.length < 3 || parts.length > 4) {
                throw new IllegalArgumentException("legal flag \"" + entry.strip() + "\": expected key|label|days[|confirm]");
            }
            String key = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!key.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new IllegalArgumentException("legal flag key \"" + key + "\": lower-case letters, digits and -");
            }
            int days;
            try {
                days = Integer.parseInt(parts[2].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("legal flag \"" + key + "\": days must be a whole number");
            }
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("legal flag \"" + key + "\": days must be 1 to 3650");
            }
            boolean confirm = parts.length == 4 && parts[3].strip().equalsIgnoreCase("confirm");
            if (parts.length == 4 && !confirm) {
                throw new IllegalArgumentException("legal flag \"" + key + "\": the fourth part may only be confirm");
            }
            flags.add(new LegalFlag(key, parts[1].strip(), Period.ofDays(days), confirm));
        }
        return new LegalFlags(flags);
    }

    public static LegalFlags defaults() {
        return parse(DEFAULTS);
    }

    public List<LegalFlag> all() {
        return ordered;
    }

    public Optional<LegalFlag> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(flags.get(key.strip().toLowerCase(Locale.ROOT)));
    }

    public List<String> keys() {
        return ordered.stream().map(LegalFlag::key).toList();
    }
}
