package newsroom.api.http;

import java.time.Instant;
import java.util.List;
import newsroom.domain.MediaContact;

/** A media contact as the API shows it. */
public record ContactView(String id, String email, String name, String outlet, String role, List<String> topics,
                          boolean embargoAccess, String status, String consentSource, Instant consentAt,
                          Instant createdAt, String frequency) {

    static ContactView of(MediaContact c) {
        return new ContactView(c.id(), c.email(), c.name(), c.outlet(), c.role(), c.topics().stream().sorted().toList(),
                c.embargoAccess(), c.status().name(), c.consentSource(), c.consentAt(), c.createdAt(),
                c.frequency().wireName());
    }
}
