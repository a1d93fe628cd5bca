package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.fakes.InMemoryRenderQueue;
import org.junit.jupiter.api.Test;

/** The marks-and-lease loop both writers use: its pace gathers a burst's marks into fewer rounds. */
class OneWriterTest {

    /** Rounds as they ran: for each, the marks it did. Round one marks "b" and, a little later, "c". */
    private static List<Set<String>> roundsWith(Duration pace) throws InterruptedException {
        InMemoryRenderQueue queue = new InMemoryRenderQueue();
        OneWriter writer = new OneWriter(queue, Clock.systemUTC(), Duration.ofMillis(10), Duration.ofSeconds(30),
                "busy", pace);
        List<Set<String>> rounds = new CopyOnWriteArrayList<>();
        Thread[] later = new Thread[1];
        writer.update(Set.of("a"), scopes -> {
            rounds.add(new TreeSet<>(scopes));
            if (rounds.size() == 1) {
                queue.markDirty(Set.of("b")); // a publish during the round
                later[0] = new Thread(() -> {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    queue.markDirty(Set.of("c")); // and one just after it
                });
                later[0].start();
            }
        });
        later[0].join();
        if (!queue.dirty().isEmpty()) {
            writer.update(Set.of(), scopes -> rounds.add(new TreeSet<>(scopes)));
        }
        assertTrue(queue.dirty().isEmpty());
        return rounds;
    }

    @Test
    void withAPaceTheMarksOfTheWhileAreDoneInOneRound() throws InterruptedException {
        List<Set<String>> rounds = roundsWith(Duration.ofSeconds(3));
        assertEquals(List.of(Set.of("a"), Set.of("b", "c")), rounds);
    }

    @Test
    void withoutOneTheNextRoundStartsAtOnce() throws InterruptedException {
        List<Set<String>> rounds = roundsWith(Duration.ZERO);
        assertEquals(List.of(Set.of("a"), Set.of("b"), Set.of("c")), rounds);
    }
}
