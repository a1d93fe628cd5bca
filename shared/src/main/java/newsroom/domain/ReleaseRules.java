package newsroom.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The rules a release must satisfy before it is stored; reports every broken rule at once. */
public final class ReleaseRules {
    public static final int MAX_TITLE = 200;
    public static final int MAX_SUMMARY = 500;
    public static final int MAX_BODY_BYTES = 100 * 1024;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 50;
    public static final int MAX_CONTACT_FIELD = 200;
    /**
     * A plain addr-spec, as SES and mail clients take it: a dot-atom local part (no quoted strings,
     * no display name, no angle brackets) and a domain of letters, digits and hyphens with a
     * top-level part of two letters or more.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private final Categories categories;

    public ReleaseRules(Categories categories) {
        this.categories = categories;
    }

    /** A release ready to store, with the category spelt as configured and the embargo parsed. */
    public record Checked(ReleaseDraft draft, String category, Instant embargoUntil) {
    }

    public Checked check(ReleaseDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        requireText(errors, "title", draft.title(), MAX_TITLE);
        optionalText(errors, "summary", draft.summary(), MAX_SUMMARY);
        if (isBlank(draft.body())) {
            errors.add(new FieldError("body", "is required"));
        } else if (draft.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            errors.add(new FieldError("body", "must be at most " + MAX_BODY_BYTES / 1024 + " KB of Markdown"));
        }
        String category = null;
        if (isBlank(draft.category())) {
            errors.add(new FieldError("category", "is required; one of " + categories.names()));
        } else {
            category = categories.find(draft.category()).orElse(null);
            if (category == null) {
                errors.add(new FieldError("category", "must be one of " + categories.names()));
            }
        }
        checkTags(errors, draft.tags());
        checkContact(errors, draft.contact());
        Instant embargo = null;
        if (draft.embargoUntil() != null) {
            try {
                embargo = OffsetDateTime.parse(draft.embargoUntil()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("embargoUntil",
                        "must be an ISO-8601 date and time with an offset, such as 2026-12-01T09:30:00+00:00"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Checked(draft, category, embargo);
    }

    private static void checkTags(List<FieldError> errors, List<String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            errors.add(new FieldError("tags", "must have at most " + MAX_TAGS + " tags"));
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (isBlank(tag) || tag.length() > MAX_TAG) {
                errors.add(new FieldError("tags[" + i + "]", "must be 1 to " + MAX_TAG + " characters"));
            }
        }
    }

    private static void checkContact(List<FieldError> errors, ContactBlock contact) {
        if (contact == null) {
            errors.add(new FieldError("contact", "is required: name and a phone or email"));
            return;
        }
        requireText(errors, "contact.name", contact.name(), MAX_CONTACT_FIELD);
        optionalText(errors, "contact.phone", contact.phone(), MAX_CONTACT_FIELD);
        optionalText(errors, "contact.email", contact.email(), MAX_CONTACT_FIELD);
        if (isBlank(contact.phone()) && isBlank(contact.email())) {
            errors.add(new FieldError("contact", "needs a phone or an email"));
        }
        if (!isBlank(contact.email()) && !EMAIL.matcher(contact.email()).matches()) {
            errors.add(new FieldError("contact.email", "must be an email address"));
        }
    }

    private static void requireText(List<FieldError> errors, String field, String value, int max) {
        if (isBlank(value)) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void optionalText(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Whether a string looks like an email address; shared with media-contact checks. */
    public static boolean isEmail(String s) {
        return s != null && s.length() <= 254 && s.indexOf('@') <= 64 && EMAIL.matcher(s).matches();
    }
}
