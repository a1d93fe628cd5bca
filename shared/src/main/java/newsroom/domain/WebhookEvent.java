package newsroom.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an endpoint can subscribe to. {@code release.updated} is every update;
 * {@code release.updated.major} only the major ones. {@code release.scheduled} carries embargoed
 * text, so it goes only to endpoints marked trusted.
 */
public enum WebhookEvent {
    PUBLISHED("release.published"),
    UPDATED("release.updated"),
    UPDATED_MAJOR("release.updated.major"),
    WITHDRAWN("release.withdrawn"),
    SCHEDULED("release.scheduled"),
    /** Sent only by "send test event". */
    TEST("webhook.test");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEvent> fromWire(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }
}
