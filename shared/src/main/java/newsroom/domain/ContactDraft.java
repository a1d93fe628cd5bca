package newsroom.domain;

import java.util.List;

/**
 * What the press office admin sends to add or replace a media contact, before it is checked.
 * {@code status} may be left out (active); {@code consentSource} says how the journalist agreed to
 * be emailed (left out: "added by the press office").
 */
public record ContactDraft(
        String email,
        String name,
        String outlet,
        String role,
        List<String> topics,
        Boolean embargoAccess,
        String status,
        String consentSource,
        String frequency) {

    public ContactDraft(String email, String name, String outlet, List<String> topics, Boolean embargoAccess) {
        this(email, name, outlet, null, topics, embargoAccess, null, null, null);
    }

    /** Left out, the frequency stays as it is (a new contact: immediate). */
    public ContactDraft(String email, String name, String outlet, String role, List<String> topics,
                        Boolean embargoAccess, String status, String consentSource) {
        this(email, name, outlet, role, topics, embargoAccess, status, consentSource, null);
    }
}
