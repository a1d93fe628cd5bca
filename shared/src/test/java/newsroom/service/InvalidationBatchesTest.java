package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InvalidationBatchesTest {

    private static List<String> paths(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> "/" + prefix + "/" + i + "/index.html").toList();
    }

    @Test
    void aBatchOfMessagesIsOneRequestWithEachPathOnce() {
        List<InvalidationBatches.Request> requests = InvalidationBatches.plan(List.of(
                new InvalidationBatches.Queued("m1", List.of("/news/a/index.html", "/news/index.html", "/feeds/news.atom")),
                new InvalidationBatches.Queued("m2", List.of("/news/b/index.html", "/news/index.html", "/feeds/news.atom")),
                new InvalidationBatches.Queued("m3", List.of("/news/index.html"))));
        assertEquals(1, requests.size());
        assertEquals(List.of("/news/a/index.html", "/news/index.html", "/feeds/news.atom", "/news/b/index.html"),
                requests.get(0).paths());
        assertEquals(Set.of("m1", "m2", "m3"), requests.get(0).messageIds(), "a message whose paths all repeat still rides on it");
    }

    @Test
    void noRequestCarriesMoreThanCloudFrontTakes() {
        List<InvalidationBatches.Queued> messages = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            messages.add(new InvalidationBatches.Queued("m" + i, paths("m" + i, 1000)));
        }
        List<InvalidationBatches.Request> requests = InvalidationBatches.plan(messages);
        assertEquals(3, requests.size());
        assertEquals(List.of(3000, 3000, 1000), requests.stream().map(r -> r.paths().size()).toList());
        assertEquals(Set.of("m0", "m1", "m2"), requests.get(0).messageIds());
        assertEquals(Set.of("m6"), requests.get(2).messageIds());
    }

    @Test
    void aMessageSplitAcrossRequestsFailsWithEither() {
        List<InvalidationBatches.Request> requests = InvalidationBatches.plan(List.of(
                new InvalidationBatches.Queued("big", paths("a", 2999)),
                new InvalidationBatches.Queued("across", paths("b", 2))));
        assertEquals(2, requests.size());
        assertTrue(requests.get(0).messageIds().contains("across"));
        assertTrue(requests.get(1).messageIds().contains("across"));
    }

    @Test
    void theReferenceFollowsTheMessagesSoARetriedBatchIsTheSameRequest() {
        var batch = List.of(new InvalidationBatches.Queued("m1", List.of("/a")), new InvalidationBatches.Queued("m2", List.of("/b")));
        assertEquals(InvalidationBatches.plan(batch).get(0).reference(), InvalidationBatches.plan(batch).get(0).reference());
        assertNotEquals(InvalidationBatches.plan(batch).get(0).reference(),
                InvalidationBatches.plan(List.of(new InvalidationBatches.Queued("m3", List.of("/a")))).get(0).reference());
        assertEquals(List.of(), InvalidationBatches.plan(List.of()));
    }
}
