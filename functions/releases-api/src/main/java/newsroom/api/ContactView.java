package newsroom.api;

import java.time.Instant;
import java.util.List;
import newsroom.domain.MediaContact;

/** A media contact as the API shows it. */
public record ContactView(String id, String email, String name, String outlet, List<String> topics,
                          boolean embargoAccess, String status, Instant createdAt) {

    static ContactView of(MediaContact c) {
        return new ContactView(c.id(), c.email(), c.name(), c.outlet(), c.topics().stream().sorted().toList(),
                c.embargoAccess(), c.status().name(), c.createdAt());
    }
}
