package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import newsroom.aws.LambdaEvents;
import newsroom.local.emulator.ProjectHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The functions' entry points read their events with {@link LambdaEvents} where a typed handler
 * had them read by the Lambda runtime's own serialization library. Each sample event, and a few
 * with every kind of field, must come out of both as equal objects; each answer must be the JSON
 * the runtime would have written.
 */
class LambdaEventsTest {
    private static final ObjectMapper TREES = new ObjectMapper();

    static Stream<Path> samples(String function) throws IOException {
        return Files.list(ProjectHome.find().resolve("events").resolve(function)).sorted();
    }

    static Stream<Path> httpSamples() throws IOException {
        return samples("releases-api");
    }

    static Stream<Path> streamSamples() throws IOException {
        return Stream.concat(samples("site-publisher").filter(p -> !p.toString().contains("nudge")),
                samples("media-notifier"));
    }

    static Stream<Path> queueSamples() throws IOException {
        return Stream.of("mail-sender", "ses-feedback", "cdn-invalidator", "webhook-sender").flatMap(f -> {
            try {
                return samples(f);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T> T runtime(byte[] json, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEventsTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
    }

    @ParameterizedTest
    @MethodSource("httpSamples")
    void httpRequestsReadAsTheRuntimeReadsThem(Path sample) throws IOException {
        byte[] json = Files.readAllBytes(sample);
        assertEquals(runtime(json, APIGatewayV2HTTPEvent.class),
                LambdaEvents.readHttpEvent(new ByteArrayInputStream(json)));
    }

    @ParameterizedTest
    @MethodSource("streamSamples")
    void streamBatchesReadAsTheRuntimeReadsThem(Path sample) throws IOException {
        byte[] json = Files.readAllBytes(sample);
        assertEquals(runtime(json, DynamodbEvent.class), LambdaEvents.readStreamEvent(new ByteArrayInputStream(json)));
    }

    @ParameterizedTest
    @MethodSource("queueSamples")
    void queueBatchesReadAsTheRuntimeReadsThem(Path sample) throws IOException {
        byte[] json = Files.readAllBytes(sample);
        assertEquals(runtime(json, SQSEvent.class), LambdaEvents.readQueueEvent(new ByteArrayInputStream(json)));
    }

    /** Every attribute type a table item can hold, nested, and the record fields the samples leave out. */
    @Test
    void everyAttributeTypeReadsAsTheRuntimeReadsIt() throws IOException {
        byte[] json = """
                {"Records":[{"eventID":"1","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb",
                 "awsRegion":"eu-west-2","eventSourceARN":"arn:aws:dynamodb:eu-west-2:1:table/t/stream/x",
                 "userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"},
                 "dynamodb":{"ApproximateCreationDateTime":1571871660.123,"SequenceNumber":"42","SizeBytes":512,
                  "StreamViewType":"NEW_AND_OLD_IMAGES","Keys":{"PK":{"S":"A"}},
                  "NewImage":{"s":{"S":"text \\u00e9 \\ud83d\\ude00"},"n":{"N":"-1.5e3"},"b":{"B":"AAEC"},
                   "t":{"BOOL":true},"f":{"BOOL":false},"z":{"NULL":true},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},
                   "bs":{"BS":["AA==","AQ=="]},"m":{"M":{"in":{"L":[{"S":"x"},{"M":{}},{"L":[]}]}}},"l":{"L":[]}},
                  "OldImage":null}}]}
                """.getBytes(StandardCharsets.UTF_8);
        DynamodbEvent ours = LambdaEvents.readStreamEvent(new ByteArrayInputStream(json));
        DynamodbEvent theirs = runtime(json, DynamodbEvent.class);
        // The runtime keeps the user identity, which no function reads; everything else must agree.
        theirs.getRecords().get(0).setUserIdentity(null);
        assertEquals(theirs, ours);
    }

    /** Message attributes of each kind, and system attributes. */
    @Test
    void everyMessageAttributeReadsAsTheRuntimeReadsIt() throws IOException {
        byte[] json = """
                {"Records":[{"messageId":"m1","receiptHandle":"r","body":"{\\"a\\":1}","md5OfBody":"x",
                 "md5OfMessageAttributes":"y","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-2:1:q",
                 "awsRegion":"eu-west-2","attributes":{"ApproximateReceiveCount":"3","SentTimestamp":"1"},
                 "messageAttributes":{"kind":{"stringValue":"mail","stringListValues":[],"binaryListValues":[],
                  "dataType":"String"},"raw":{"binaryValue":"AAEC","dataType":"Binary"}}}]}
                """.getBytes(StandardCharsets.UTF_8);
        assertEquals(runtime(json, SQSEvent.class), LambdaEvents.readQueueEvent(new ByteArrayInputStream(json)));
    }

    /** Claims that are not text (API Gateway gives text, but a number must not fail the request) and no body. */
    @Test
    void anHttpRequestWithEveryPartReadsAsTheRuntimeReadsIt() throws IOException {
        byte[] json = """
                {"version":"2.0","routeKey":"GET /releases","rawPath":"/releases","rawQueryString":"a=1",
                 "cookies":["c=1"],"headers":{"x":"\\ud800"},"queryStringParameters":{"a":"1"},"stageVariables":null,
                 "isBase64Encoded":false,"requestContext":{"accountId":"1","apiId":"a","domainName":"d",
                 "domainPrefix":"p","stage":"$default","time":"t","timeEpoch":1700000000000,"requestId":"id",
                 "routeKey":"GET /releases","http":{"method":"GET","path":"/releases","protocol":"HTTP/1.1",
                 "sourceIp":"192.0.2.1","userAgent":"ua"},"authorizer":{"jwt":{"claims":{"sub":"s","exp":1700000000,
                 "admin":true},"scopes":["releases:read"]}}}}
                """.getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent ours = LambdaEvents.readHttpEvent(new ByteArrayInputStream(json));
        assertEquals(runtime(json, APIGatewayV2HTTPEvent.class), ours);
        assertEquals(Map.of("sub", "s", "exp", "1700000000", "admin", "true"),
                ours.getRequestContext().getAuthorizer().getJwt().getClaims());
    }

    @Test
    void answersAreTheJsonTheRuntimeWrites() throws IOException {
        var http = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json", "ETag", "\"1\""))
                .withMultiValueHeaders(Map.of("Vary", List.of("Origin", "Accept")))
                .withBody("{\"t\":\"\\u2028 é 😀\"}").build();
        assertSameJson(http, APIGatewayV2HTTPResponse.class, out -> LambdaEvents.write(http, out));
        var noBody = APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
        assertSameJson(noBody, APIGatewayV2HTTPResponse.class, out -> LambdaEvents.write(noBody, out));
        var stream = StreamsEventResponse.builder().withBatchItemFailures(
                List.of(new StreamsEventResponse.BatchItemFailure("42"))).build();
        assertSameJson(stream, StreamsEventResponse.class, out -> LambdaEvents.write(stream, out));
        var queue = SQSBatchResponse.builder().withBatchItemFailures(
                List.of(new SQSBatchResponse.BatchItemFailure("m1"), new SQSBatchResponse.BatchItemFailure("m2"))).build();
        assertSameJson(queue, SQSBatchResponse.class, out -> LambdaEvents.write(queue, out));
    }

    @Test
    void somethingThatIsNotAnEventFailsTheInvocation() {
        for (String json : List.of("", "[]", "null", "{\"Records\":[{\"dynamodb\":{\"NewImage\":{\"a\":{\"X\":\"1\"}}}}]}",
                "{\"Records\":[{\"dynamodb\":{\"Keys\":{\"a\":\"not typed\"}}}]}", "{\"Records\":[{\"dynamodb\":{}}")) {
            assertThrows(IOException.class, () -> LambdaEvents.readStreamEvent(in(json)), json);
        }
        for (String json : List.of("", "[]", "{\"Records\":[{\"messageId\":1}]}", "{\"Records\":[{\"body\":[]}]}")) {
            assertThrows(IOException.class, () -> LambdaEvents.readQueueEvent(in(json)), json);
        }
        for (String json : List.of("", "7", "{\"body\":{}}", "{\"isBase64Encoded\":\"yes\"}", "{\"headers\":[]}")) {
            assertThrows(IOException.class, () -> LambdaEvents.readHttpEvent(in(json)), json);
        }
    }

    /** The rebuilder's entry asks only whether a stream sent it; no event at all is a request to rebuild. */
    @Test
    void aFieldIsFoundAtTheTopOnly() throws IOException {
        assertTrue(LambdaEvents.hasField(in("{\"Records\":[{\"a\":1}]}"), "Records"));
        assertEquals(false, LambdaEvents.hasField(in("{\"x\":{\"Records\":[]}}"), "Records"));
        assertEquals(false, LambdaEvents.hasField(in("{}"), "Records"));
        assertEquals(false, LambdaEvents.hasField(in(""), "Records"));
        assertEquals(false, LambdaEvents.hasField(in("null"), "Records"));
        assertThrows(IOException.class, () -> LambdaEvents.hasField(in("[]"), "Records"));
    }

    @Test
    void aNullFlagReadsAsTheRuntimeReadsIt() throws IOException {
        byte[] json = "{\"isBase64Encoded\":null,\"body\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(runtime(json, APIGatewayV2HTTPEvent.class), LambdaEvents.readHttpEvent(new ByteArrayInputStream(json)));
    }

    private static InputStream in(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private interface Writer {
        void write(ByteArrayOutputStream out) throws IOException;
    }

    @SuppressWarnings("unchecked")
    private static <T> void assertSameJson(T response, Class<T> type, Writer ours) throws IOException {
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(type, LambdaEventsTest.class.getClassLoader()).toJson(response, theirs);
        ByteArrayOutputStream mine = new ByteArrayOutputStream();
        ours.write(mine);
        var expected = TREES.readTree(theirs.toByteArray());
        // The runtime writes absent parts as null; API Gateway reads a null part as absent.
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).properties().removeIf(e -> e.getValue().isNull());
        assertEquals(expected, TREES.readTree(mine.toByteArray()), theirs.toString(StandardCharsets.UTF_8));
        assertTrue(mine.size() > 0);
    }
}
