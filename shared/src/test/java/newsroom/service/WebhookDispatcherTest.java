package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.fakes.Samples;
import newsroom.render.SitePaths;
import newsroom.service.port.WebhookQueue;
import newsroom.service.port.WebhookRepository;
import org.junit.jupiter.api.Test;

/** Which webhook deliveries a change makes, against stand-in ports. Pure. */
class WebhookDispatcherTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    /** In a burst a stream batch holds many releases: the endpoints are read once for it. */
    @Test
    void aBatchReadsTheEndpointsOnce() {
        AtomicInteger reads = new AtomicInteger();
        WebhookRepository repository = (WebhookRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebhookRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("all")) {
                        reads.incrementAndGet();
                        return List.of();
                    }
                    throw new AssertionError("no endpoint, so nothing else: " + method.getName());
                });
        WebhookQueue queue = (WebhookQueue) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebhookQueue.class}, (proxy, method, args) -> {
                    throw new AssertionError("nothing to queue");
                });
        WebhookDispatcher dispatcher = new WebhookDispatcher(repository, queue, new SitePaths(ZoneId.of("Europe/London")),
                "https://news.example", Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
        WebhookDispatcher.Batch batch = dispatcher.batch();
        for (int i = 0; i < 5; i++) {
            batch.releaseChanged(null, Samples.published("r" + i, "Appeal " + i, "Appeals", NOW));
        }
        assertEquals(1, reads.get());
        dispatcher.releaseChanged(null, Samples.published("r9", "Appeal 9", "Appeals", NOW));
        assertEquals(2, reads.get(), "alone, each change reads them");
    }
}
