package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

class StreamTailTest {
    private static Record record(int sequence) {
        return Record.builder().dynamodb(d -> d.sequenceNumber(Integer.toString(sequence))).build();
    }

    private static List<Record> records(int from, int to) {
        List<Record> records = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            records.add(record(n));
        }
        return records;
    }

    private static List<String> sequences(StreamTail.Page page) {
        return page.records().stream().map(r -> r.dynamodb().sequenceNumber()).toList();
    }

    @Test
    void aConsumerBehindFollowsWhatTheOneAheadRead() {
        StreamTail tail = new StreamTail();
        assertTrue(tail.after("s", null, 10).isEmpty(), "nothing read yet: the consumer reads the stream");
        tail.read("s", null, records(1, 5), "it-after-5");
        tail.read("s", "5", records(6, 8), "it-after-8");
        StreamTail.Page fromStart = tail.after("s", null, 4).orElseThrow();
        assertEquals(List.of("1", "2", "3", "4"), sequences(fromStart));
        assertNull(fromStart.nextIterator(), "more is kept after these: no iterator yet");
        StreamTail.Page rest = tail.after("s", "4", 10).orElseThrow();
        assertEquals(List.of("5", "6", "7", "8"), sequences(rest));
        assertEquals("it-after-8", rest.nextIterator(), "at the end: the iterator the last read returned");
        assertTrue(tail.after("s", "8", 10).isEmpty(), "caught up: the consumer reads the stream itself");
        assertTrue(tail.after("other-shard", null, 10).isEmpty());
    }

    @Test
    void aReadThatDoesNotContinueTheRunReplacesIt() {
        StreamTail tail = new StreamTail();
        tail.read("s", null, records(1, 5), "a");
        tail.read("s", "3", records(4, 9), "b"); // a consumer reading from elsewhere (a restart, a retry)
        assertTrue(tail.after("s", null, 10).isEmpty(), "the old run is gone");
        assertTrue(tail.after("s", "2", 10).isEmpty(), "nothing is served across a gap");
        assertEquals(List.of("4", "5", "6", "7", "8", "9"), sequences(tail.after("s", "3", 10).orElseThrow()));
    }

    @Test
    void aReadBehindTheRunLeavesItToTheConsumersAtTheHead() {
        StreamTail tail = new StreamTail();
        tail.read("s", "100", records(101, 110), "head");
        tail.read("s", "20", records(21, 30), "far-behind"); // a consumer catching up from far back
        assertEquals(List.of("101", "102"), sequences(tail.after("s", "100", 2).orElseThrow()),
                "the run at the head is kept for the consumers following it");
        assertTrue(tail.after("s", "20", 10).isEmpty(), "the read behind is not kept");
        tail.read("s", "110", records(111, 112), "head-2");
        assertEquals("head-2", tail.after("s", "110", 10).orElseThrow().nextIterator(), "and the head's reads go on adding to it");
    }

    @Test
    void anEmptyReadAtTheEndRefreshesTheIteratorAndAClosedShardIsForgotten() {
        StreamTail tail = new StreamTail();
        tail.read("s", null, records(1, 2), "old");
        tail.read("s", "2", List.of(), "fresh");
        assertEquals("fresh", tail.after("s", "1", 10).orElseThrow().nextIterator());
        tail.read("s", "1", List.of(), "elsewhere"); // not at the end: changes nothing
        assertEquals("fresh", tail.after("s", "1", 10).orElseThrow().nextIterator());
        tail.closed("s");
        assertTrue(tail.after("s", "1", 10).isEmpty());
    }

    @Test
    void whatIsKeptIsBoundedToTheNewest() {
        StreamTail tail = new StreamTail();
        int last = 0;
        for (int n = 0; n < 30; n++) {
            tail.read("s", last == 0 ? null : Integer.toString(last), records(last + 1, last + 1000), "it");
            last += 1000;
        }
        assertTrue(tail.after("s", null, 10).isEmpty(), "the oldest were let go");
        int firstKept = last - StreamTail.KEEP + 1;
        assertTrue(tail.after("s", Integer.toString(firstKept - StreamTail.KEEP), 10).isEmpty());
        StreamTail.Page newest = tail.after("s", Integer.toString(last - 3), 10).orElseThrow();
        assertEquals(List.of(Integer.toString(last - 2), Integer.toString(last - 1), Integer.toString(last)),
                sequences(newest));
        assertEquals("it", newest.nextIterator());
    }
}
