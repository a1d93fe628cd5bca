package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** The template's stream filters, matched as Lambda matches them. Unit. */
class StreamFilterTest {
    private static final String RELEASES = "{\"dynamodb\": {\"NewImage\": {\"entity\": {\"S\": [\"Release\"]}}}}";
    private static final String PUBLIC_RELEASES = "{\"dynamodb\": {\"NewImage\": {\"entity\": {\"S\": [\"Release\"]},"
            + " \"status\": {\"S\": [\"SCHEDULED\", \"PUBLISHED\", \"WITHDRAWN\"]}}}}";

    private static Record record(String entity, String status) {
        Map<String, AttributeValue> image = new HashMap<>();
        image.put("PK", AttributeValue.fromS("X#1"));
        if (entity != null) {
            image.put("entity", AttributeValue.fromS(entity));
        }
        if (status != null) {
            image.put("status", AttributeValue.fromS(status));
        }
        image.put("version", AttributeValue.fromN("3"));
        return Record.builder().eventName("MODIFY").dynamodb(StreamRecord.builder()
                .keys(Map.of("PK", AttributeValue.fromS("X#1"))).newImage(image).build()).build();
    }

    private static Record removal() {
        return Record.builder().eventName("REMOVE").dynamodb(StreamRecord.builder()
                .keys(Map.of("PK", AttributeValue.fromS("X#1")))
                .oldImage(Map.of("entity", AttributeValue.fromS("Release"))).build()).build();
    }

    @Test
    void theSitePublishersFilterTakesReleasesOnly() {
        StreamFilter filter = StreamFilter.of(List.of(RELEASES));
        assertTrue(filter.test(record("Release", "DRAFT")));
        assertFalse(filter.test(record("Delivery", null)));
        assertFalse(filter.test(record(null, "PUBLISHED")), "no entity at all");
        assertFalse(filter.test(removal()), "a removal has no new image");
    }

    @Test
    void theNotifiersFilterTakesReleasesThatAreOrWereGoingPublic() {
        StreamFilter filter = StreamFilter.of(List.of(PUBLIC_RELEASES));
        assertTrue(filter.test(record("Release", "PUBLISHED")));
        assertTrue(filter.test(record("Release", "WITHDRAWN")));
        assertFalse(filter.test(record("Release", "DRAFT")));
        assertFalse(filter.test(record("Contact", "PUBLISHED")));
    }

    @Test
    void noPatternsLetEverythingThroughAndPatternsAreAlternatives() {
        assertTrue(StreamFilter.of(List.of()).test(record("Delivery", null)));
        StreamFilter either = StreamFilter.of(List.of(RELEASES,
                "{\"dynamodb\": {\"NewImage\": {\"entity\": {\"S\": [\"SiteSettings\"]}}}}"));
        assertTrue(either.test(record("SiteSettings", null)));
        assertTrue(either.test(record("Release", null)));
        assertFalse(either.test(record("Contact", null)));
    }

    @Test
    void theContentFiltersAndTypes() {
        assertTrue(StreamFilter.of(List.of("{\"dynamodb\": {\"NewImage\": {\"entity\": {\"S\": [{\"prefix\": \"Rel\"}]}}}}"))
                .test(record("Release", null)));
        assertTrue(StreamFilter.of(List.of("{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [{\"anything-but\": [\"DRAFT\"]}]}}}}"))
                .test(record("Release", "PUBLISHED")));
        assertFalse(StreamFilter.of(List.of("{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [{\"anything-but\": [\"DRAFT\"]}]}}}}"))
                .test(record("Release", "DRAFT")));
        assertTrue(StreamFilter.of(List.of("{\"dynamodb\": {\"NewImage\": {\"status\": [{\"exists\": false}]}}}"))
                .test(record("Release", null)));
        assertTrue(StreamFilter.of(List.of("{\"eventName\": [\"REMOVE\"]}")).test(removal()));
        assertFalse(StreamFilter.of(List.of("{\"dynamodb\": {\"NewImage\": {\"version\": {\"N\": [3]}}}}"))
                .test(record("Release", null)), "a stream number is a string in the event, as in Lambda");
        assertThrows(IllegalArgumentException.class, () -> StreamFilter.of(List.of("{not json")));
    }
}
