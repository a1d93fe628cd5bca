package newsroom.domain;

import java.time.Period;

/**
 * One of the press office's legal flags (e.g. "names a suspect"): what it says, how long until a
 * release carrying it must be looked at again, and whether publishing it asks for confirmation.
 */
public record LegalFlag(String key, String label, Period reviewAfter, boolean confirmBeforePublishing) {
}
