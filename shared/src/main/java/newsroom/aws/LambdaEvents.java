package newsroom.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.json.LightJson;

/**
 * Lambda's HTTP API, table-stream and queue events, read and answered with jackson-core, for the functions'
 * stream entry points. Given a typed handler, the Lambda Java runtime reads the event with its own
 * serialization library, which starts a Jackson object mapping of its own: about 600 classes and,
 * in a fresh JVM at Lambda's settings, well over 100 ms before the handler runs. A
 * {@code RequestStreamHandler} gets the bytes instead; this reads them into the same event classes,
 * so everything after the entry point is unchanged.
 * <p>
 * The events come from AWS, not from the public: a field this does not use is skipped, and JSON
 * that is not such an event is refused with an {@link IOException}, which fails the invocation.
 */
public final class LambdaEvents {
    private LambdaEvents() {
    }

    /** Reads one field of an object, given its name and the token that starts its value. */
    private interface Field {
        void read(String name, JsonToken value) throws IOException;
    }

    /** Reads one value, given the token that starts it. */
    private interface Value<T> {
        T read(JsonParser json, JsonToken start) throws IOException;
    }

    /** A DynamoDB stream batch, as Lambda delivers it to a stream's consumer. */
    public static DynamodbEvent readStreamEvent(InputStream in) throws IOException {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records(in, LambdaEvents::streamRecord));
        return event;
    }

    /** An SQS batch, as Lambda delivers it to a queue's consumer. */
    public static SQSEvent readQueueEvent(InputStream in) throws IOException {
        SQSEvent event = new SQSEvent();
        event.setRecords(records(in, LambdaEvents::message));
        return event;
    }

    /**
     * An HTTP API (payload 2.0) request, as API Gateway hands it to its integration. What the
     * caller sent (headers, query, body) is only text here; the API reads and refuses it later.
     */
    public static APIGatewayV2HTTPEvent readHttpEvent(InputStream in) throws IOException {
        try (JsonParser json = LightJson.parser(in)) {
            APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
            fields(json, json.nextToken(), (field, value) -> {
                switch (field) {
                    case "version" -> event.setVersion(text(json, value));
                    case "routeKey" -> event.setRouteKey(text(json, value));
                    case "rawPath" -> event.setRawPath(text(json, value));
                    case "rawQueryString" -> event.setRawQueryString(text(json, value));
                    case "cookies" -> event.setCookies(texts(json, value));
                    case "headers" -> event.setHeaders(textMap(json, value));
                    case "queryStringParameters" -> event.setQueryStringParameters(textMap(json, value));
                    case "pathParameters" -> event.setPathParameters(textMap(json, value));
                    case "stageVariables" -> event.setStageVariables(textMap(json, value));
                    case "body" -> event.setBody(text(json, value));
                    // null as the runtime's mapping reads it into a boolean: false.
                    case "isBase64Encoded" -> event.setIsBase64Encoded(value != JsonToken.VALUE_NULL && bool(value));
                    case "requestContext" -> event.setRequestContext(nullOr(json, value, LambdaEvents::requestContext));
                    default -> json.skipChildren();
                }
            });
            return event;
        }
    }

    /**
     * Whether the event, a JSON object, has a top-level field of this name (its value unread). No
     * event at all, or {@code null}, has none: as a typed handler would get a null input.
     */
    public static boolean hasField(InputStream in, String name) throws IOException {
        try (JsonParser json = LightJson.parser(in)) {
            JsonToken start = json.nextToken();
            if (start == null || start == JsonToken.VALUE_NULL) {
                return false;
            }
            boolean[] found = {false};
            fields(json, start, (field, value) -> {
                found[0] |= field.equals(name);
                json.skipChildren();
            });
            return found[0];
        }
    }

    /** The {@code Records} of a batch event, each read by {@code record}. */
    private static <T> List<T> records(InputStream in, Value<T> record) throws IOException {
        try (JsonParser json = LightJson.parser(in)) {
            List<T> records = new ArrayList<>();
            fields(json, json.nextToken(), (field, value) -> {
                if (field.equals("Records") && value != JsonToken.VALUE_NULL) {
                    records.addAll(list(json, value, record));
                } else {
                    json.skipChildren();
                }
            });
            return records;
        }
    }

    private static DynamodbEvent.DynamodbStreamRecord streamRecord(JsonParser json, JsonToken start)
            throws IOException {
        var record = new DynamodbEvent.DynamodbStreamRecord();
        fields(json, start, (field, value) -> {
            switch (field) {
                case "eventID" -> record.setEventID(text(json, value));
                case "eventName" -> record.setEventName(text(json, value));
                case "eventVersion" -> record.setEventVersion(text(json, value));
                case "eventSource" -> record.setEventSource(text(json, value));
                case "awsRegion" -> record.setAwsRegion(text(json, value));
                case "eventSourceARN" -> record.setEventSourceARN(text(json, value));
                case "dynamodb" -> record.setDynamodb(nullOr(json, value, LambdaEvents::change));
                default -> json.skipChildren();
            }
        });
        return record;
    }

    private static StreamRecord change(JsonParser json, JsonToken start) throws IOException {
        StreamRecord change = new StreamRecord();
        fields(json, start, (field, value) -> {
            switch (field) {
                case "ApproximateCreationDateTime" -> {
                    expect(value, JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_NUMBER_FLOAT);
                    change.setApproximateCreationDateTime(new Date(Math.round(json.getDoubleValue() * 1000)));
                }
                case "Keys" -> change.setKeys(image(json, value));
                case "NewImage" -> change.setNewImage(image(json, value));
                case "OldImage" -> change.setOldImage(image(json, value));
                case "SequenceNumber" -> change.setSequenceNumber(text(json, value));
                case "SizeBytes" -> {
                    expect(value, JsonToken.VALUE_NUMBER_INT);
                    change.setSizeBytes(json.getLongValue());
                }
                case "StreamViewType" -> change.setStreamViewType(viewType(text(json, value)));
                default -> json.skipChildren();
            }
        });
        return change;
    }

    private static StreamViewType viewType(String name) throws IOException {
        try {
            return name == null ? null : StreamViewType.fromValue(name);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a stream view type: " + name, e);
        }
    }

    /** An item image: attribute name to typed value, as DynamoDB's JSON writes it. */
    private static Map<String, AttributeValue> image(JsonParser json, JsonToken start) throws IOException {
        return map(json, start, LambdaEvents::attribute);
    }

    private static AttributeValue attribute(JsonParser json, JsonToken start) throws IOException {
        AttributeValue attribute = new AttributeValue();
        fields(json, start, (type, value) -> {
            switch (type) {
                case "S" -> attribute.setS(text(json, value));
                case "N" -> attribute.setN(text(json, value));
                case "B" -> attribute.setB(bytes(text(json, value)));
                case "BOOL" -> attribute.setBOOL(bool(value));
                case "NULL" -> attribute.setNULL(bool(value));
                case "SS" -> attribute.setSS(texts(json, value));
                case "NS" -> attribute.setNS(texts(json, value));
                case "BS" -> attribute.setBS(list(json, value, (p, t) -> bytes(text(p, t))));
                case "M" -> attribute.setM(image(json, value));
                case "L" -> attribute.setL(list(json, value, LambdaEvents::attribute));
                default -> throw new IOException("not a DynamoDB attribute type: " + type);
            }
        });
        return attribute;
    }

    private static SQSEvent.SQSMessage message(JsonParser json, JsonToken start) throws IOException {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        fields(json, start, (field, value) -> {
            switch (field) {
                case "messageId" -> message.setMessageId(text(json, value));
                case "receiptHandle" -> message.setReceiptHandle(text(json, value));
                case "body" -> message.setBody(text(json, value));
                case "md5OfBody" -> message.setMd5OfBody(text(json, value));
                case "md5OfMessageAttributes" -> message.setMd5OfMessageAttributes(text(json, value));
                case "eventSource" -> message.setEventSource(text(json, value));
                case "eventSourceARN" -> message.setEventSourceArn(text(json, value));
                case "awsRegion" -> message.setAwsRegion(text(json, value));
                case "attributes" -> message.setAttributes(textMap(json, value));
                case "messageAttributes" -> message.setMessageAttributes(map(json, value,
                        LambdaEvents::messageAttribute));
                default -> json.skipChildren();
            }
        });
        return message;
    }

    private static SQSEvent.MessageAttribute messageAttribute(JsonParser json, JsonToken start) throws IOException {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        fields(json, start, (field, value) -> {
            switch (field) {
                case "stringValue" -> attribute.setStringValue(text(json, value));
                case "binaryValue" -> attribute.setBinaryValue(bytes(text(json, value)));
                case "stringListValues" -> attribute.setStringListValues(texts(json, value));
                case "binaryListValues" -> attribute.setBinaryListValues(list(json, value,
                        (p, t) -> bytes(text(p, t))));
                case "dataType" -> attribute.setDataType(text(json, value));
                default -> json.skipChildren();
            }
        });
        return attribute;
    }

    private static APIGatewayV2HTTPEvent.RequestContext requestContext(JsonParser json, JsonToken start)
            throws IOException {
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        fields(json, start, (field, value) -> {
            switch (field) {
                case "routeKey" -> context.setRouteKey(text(json, value));
                case "accountId" -> context.setAccountId(text(json, value));
                case "stage" -> context.setStage(text(json, value));
                case "apiId" -> context.setApiId(text(json, value));
                case "domainName" -> context.setDomainName(text(json, value));
                case "domainPrefix" -> context.setDomainPrefix(text(json, value));
                case "time" -> context.setTime(text(json, value));
                case "timeEpoch" -> {
                    expect(value, JsonToken.VALUE_NUMBER_INT);
                    context.setTimeEpoch(json.getLongValue());
                }
                case "requestId" -> context.setRequestId(text(json, value));
                case "http" -> context.setHttp(nullOr(json, value, LambdaEvents::http));
                case "authorizer" -> context.setAuthorizer(nullOr(json, value, LambdaEvents::authorizer));
                default -> json.skipChildren();
            }
        });
        return context;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Http http(JsonParser json, JsonToken start) throws IOException {
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        fields(json, start, (field, value) -> {
            switch (field) {
                case "method" -> http.setMethod(text(json, value));
                case "path" -> http.setPath(text(json, value));
                case "protocol" -> http.setProtocol(text(json, value));
                case "sourceIp" -> http.setSourceIp(text(json, value));
                case "userAgent" -> http.setUserAgent(text(json, value));
                default -> json.skipChildren();
            }
        });
        return http;
    }

    /** The JWT authorizer's verdict: the token's claims (as text, as API Gateway gives them) and scopes. */
    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(JsonParser json, JsonToken start)
            throws IOException {
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        fields(json, start, (field, value) -> {
            if (field.equals("jwt") && value != JsonToken.VALUE_NULL) {
                var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
                fields(json, value, (part, partValue) -> {
                    switch (part) {
                        case "claims" -> jwt.setClaims(map(json, partValue, LambdaEvents::claim));
                        case "scopes" -> jwt.setScopes(texts(json, partValue));
                        default -> json.skipChildren();
                    }
                });
                authorizer.setJwt(jwt);
            } else {
                json.skipChildren();
            }
        });
        return authorizer;
    }

    /** A claim as text: a number or boolean as its text, as the runtime's mapping would coerce it. */
    private static String claim(JsonParser json, JsonToken value) throws IOException {
        if (!value.isScalarValue()) {
            json.skipChildren();
            return null;
        }
        return value == JsonToken.VALUE_NULL ? null : json.getText();
    }

    /** An HTTP API integration's answer (payload 2.0): what API Gateway sends back to the caller. */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream out) {
        LightJson.object(out, json -> {
            json.writeNumberField("statusCode", response.getStatusCode());
            if (response.getHeaders() != null) {
                json.writeObjectFieldStart("headers");
                for (var header : response.getHeaders().entrySet()) {
                    json.writeStringField(header.getKey(), header.getValue());
                }
                json.writeEndObject();
            }
            if (response.getMultiValueHeaders() != null) {
                json.writeObjectFieldStart("multiValueHeaders");
                for (var header : response.getMultiValueHeaders().entrySet()) {
                    json.writeArrayFieldStart(header.getKey());
                    for (String item : header.getValue()) {
                        json.writeString(item);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            if (response.getCookies() != null) {
                json.writeArrayFieldStart("cookies");
                for (String cookie : response.getCookies()) {
                    json.writeString(cookie);
                }
                json.writeEndArray();
            }
            if (response.getBody() != null) {
                json.writeStringField("body", response.getBody());
            }
            json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
        });
    }

    /** What a stream's consumer answers: the records to retry from, by sequence number. */
    public static void write(StreamsEventResponse response, OutputStream out) {
        failures(response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList(), out);
    }

    /** What a queue's consumer answers: the messages that failed, by message id. */
    public static void write(SQSBatchResponse response, OutputStream out) {
        failures(response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList(), out);
    }

    private static void failures(List<String> identifiers, OutputStream out) {
        LightJson.object(out, json -> {
            json.writeArrayFieldStart("batchItemFailures");
            for (String identifier : identifiers) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", identifier);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static void fields(JsonParser json, JsonToken start, Field field) throws IOException {
        expect(start, JsonToken.START_OBJECT);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            field.read(name, json.nextToken());
        }
    }

    private static <T> T nullOr(JsonParser json, JsonToken start, Value<T> value) throws IOException {
        return start == JsonToken.VALUE_NULL ? null : value.read(json, start);
    }

    private static <T> List<T> list(JsonParser json, JsonToken start, Value<T> item) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(start, JsonToken.START_ARRAY);
        List<T> items = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            items.add(item.read(json, token));
        }
        return items;
    }

    private static <T> Map<String, T> map(JsonParser json, JsonToken start, Value<T> value) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return null;
        }
        Map<String, T> map = new LinkedHashMap<>();
        fields(json, start, (name, token) -> map.put(name, value.read(json, token)));
        return map;
    }

    private static String text(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.VALUE_STRING);
        return json.getText();
    }

    private static List<String> texts(JsonParser json, JsonToken start) throws IOException {
        return list(json, start, LambdaEvents::text);
    }

    private static Map<String, String> textMap(JsonParser json, JsonToken start) throws IOException {
        return map(json, start, LambdaEvents::text);
    }

    private static Boolean bool(JsonToken value) throws IOException {
        expect(value, JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE);
        return value == JsonToken.VALUE_TRUE;
    }

    private static ByteBuffer bytes(String base64) throws IOException {
        try {
            return base64 == null ? null : ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IOException("not base64", e);
        }
    }

    private static void expect(JsonToken actual, JsonToken... allowed) throws IOException {
        for (JsonToken token : allowed) {
            if (actual == token) {
                return;
            }
        }
        throw new IOException("not a Lambda event: found " + actual + " where " + List.of(allowed) + " belongs");
    }
}
