package newsroom.domain;

import java.util.List;

/** What the press office admin sends to add a media contact, before it is checked. */
public record ContactDraft(
        String email,
        String name,
        String outlet,
        List<String> topics,
        Boolean embargoAccess) {
}
