package newsroom.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rules a media contact must satisfy; topics must be configured categories or "*". */
public final class ContactRules {
    public static final String DEFAULT_CONSENT = "added by the press office";
    private static final int MAX_FIELD = ReleaseRules.MAX_CONTACT_FIELD;

    private final Categories categories;

    public ContactRules(Categories categories) {
        this.categories = categories;
    }

    /** A contact ready to store: email lower-cased (it is unique without regard to case). */
    public record Checked(String email, String name, String outlet, String role, Set<String> topics,
                          boolean embargoAccess, ContactStatus status, String consentSource,
                          DigestFrequency frequency) {

        /** With no frequency given: a new contact is emailed at once, an existing one keeps theirs. */
        public Checked(String email, String name, String outlet, String role, Set<String> topics,
                       boolean embargoAccess, ContactStatus status, String consentSource) {
            this(email, name, outlet, role, topics, embargoAccess, status, consentSource, null);
        }
    }

    public Checked check(ContactDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        // JSON is checked as it is read; a CSV media list reaches these rules as it was typed.
        for (var text : List.of(new String[] {"email", draft.email()}, new String[] {"name", draft.name()},
                new String[] {"outlet", draft.outlet()}, new String[] {"role", draft.role()},
                new String[] {"consentSource", draft.consentSource()})) {
            if (!SafeText.isSafe(text[1])) {
                errors.add(new FieldError(text[0], SafeText.PROBLEM));
            }
        }
        if (ReleaseRules.isBlank(draft.email())) {
            errors.add(new FieldError("email", "is required"));
        } else if (!ReleaseRules.isEmail(draft.email().strip()) || draft.email().length() > 254) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        if (ReleaseRules.isBlank(draft.name())) {
            errors.add(new FieldError("name", "is required"));
        } else if (draft.name().length() > MAX_FIELD) {
            errors.add(new FieldError("name", "must be at most " + MAX_FIELD + " characters"));
        }
        for (var optional : List.of(new String[] {"outlet", draft.outlet()}, new String[] {"role", draft.role()},
                new String[] {"consentSource", draft.consentSource()})) {
            if (optional[1] != null && optional[1].length() > MAX_FIELD) {
                errors.add(new FieldError(optional[0], "must be at most " + MAX_FIELD + " characters"));
            }
        }
        Set<String> topics = new LinkedHashSet<>();
        if (draft.topics() == null || draft.topics().isEmpty()) {
            errors.add(new FieldError("topics", "needs at least one category, or \"*\" for all"));
        } else {
            for (int i = 0; i < draft.topics().size(); i++) {
                String topic = draft.topics().get(i);
                if (MediaContact.ALL_TOPICS.equals(topic)) {
                    topics.add(MediaContact.ALL_TOPICS);
                } else {
                    int index = i;
                    categories.find(topic).ifPresentOrElse(topics::add, () -> errors.add(new FieldError(
                            "topics[" + index + "]", "must be one of " + categories.names() + " or \"*\"")));
                }
            }
        }
        ContactStatus status = ContactStatus.ACTIVE;
        if (draft.status() != null) {
            try {
                status = ContactStatus.valueOf(draft.status().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be one of " + List.of(ContactStatus.values())));
            }
        }
        DigestFrequency frequency = null;
        if (draft.frequency() != null) {
            frequency = DigestFrequency.parse(draft.frequency()).orElse(null);
            if (frequency == null) {
                errors.add(new FieldError("frequency", "must be immediate, daily or weekly"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Checked(draft.email().strip().toLowerCase(Locale.ROOT), draft.name().strip(),
                strip(draft.outlet()), strip(draft.role()), topics, Boolean.TRUE.equals(draft.embargoAccess()), status,
                ReleaseRules.isBlank(draft.consentSource()) ? DEFAULT_CONSENT : draft.consentSource().strip(),
                frequency);
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
