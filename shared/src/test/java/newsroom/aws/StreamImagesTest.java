package newsroom.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stream images survive the trip between the Lambda events model and the SDK model. Pure. */
class StreamImagesTest {

    @Test
    void everyAttributeTypeRoundTrips() {
        Map<String, AttributeValue> item = Map.of(
                "s", AttributeValue.fromS("text"),
                "n", AttributeValue.fromN("42"),
                "bool", AttributeValue.fromBool(true),
                "nul", AttributeValue.fromNul(true),
                "ss", AttributeValue.fromSs(List.of("a", "b")),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1"))),
                "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("y"))));
        assertEquals(item, StreamImages.toSdk(StreamImages.toEvents(item)));
    }
}
