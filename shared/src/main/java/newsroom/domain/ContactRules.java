package newsroom.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rules a media contact must satisfy; topics must be configured categories or "*". */
public final class ContactRules {
    private final Categories categories;

    public ContactRules(Categories categories) {
        this.categories = categories;
    }

    /** A contact ready to store: email lower-cased (it is unique without regard to case). */
    public record Checked(String email, String name, String outlet, Set<String> topics, boolean embargoAccess) {
    }

    public Checked check(ContactDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        if (ReleaseRules.isBlank(draft.email())) {
            errors.add(new FieldError("email", "is required"));
        } else if (!ReleaseRules.isEmail(draft.email().strip()) || draft.email().length() > 254) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        if (ReleaseRules.isBlank(draft.name())) {
            errors.add(new FieldError("name", "is required"));
        } else if (draft.name().length() > ReleaseRules.MAX_CONTACT_FIELD) {
            errors.add(new FieldError("name", "must be at most " + ReleaseRules.MAX_CONTACT_FIELD + " characters"));
        }
        if (draft.outlet() != null && draft.outlet().length() > ReleaseRules.MAX_CONTACT_FIELD) {
            errors.add(new FieldError("outlet", "must be at most " + ReleaseRules.MAX_CONTACT_FIELD + " characters"));
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
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Checked(draft.email().strip().toLowerCase(Locale.ROOT), draft.name().strip(),
                draft.outlet() == null ? null : draft.outlet().strip(), topics,
                Boolean.TRUE.equals(draft.embargoAccess()));
    }
}
