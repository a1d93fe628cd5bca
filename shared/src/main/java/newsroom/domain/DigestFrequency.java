package newsroom.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * How often a subscriber is emailed: each release as it goes public, or one digest a day or a
 * week covering everything new in their topics. Advance copies under embargo always go at once.
 */
public enum DigestFrequency {
    IMMEDIATE,
    DAILY,
    WEEKLY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DigestFrequency> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (DigestFrequency f : values()) {
            if (f.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
