package newsroom.aws;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts DynamoDB stream images between the Lambda events model (what a stream-triggered
 * function receives) and the SDK v2 model (what the store's mappers read).
 */
public final class StreamImages {
    private StreamImages() {
    }

    public static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, AttributeValue> out = new HashMap<>();
        image.forEach((name, value) -> out.put(name, toSdk(value)));
        return out;
    }

    static AttributeValue toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (v.getNULL() != null) {
            return AttributeValue.fromNul(v.getNULL());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getBS() != null) {
            return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(toSdk(v.getM()));
        }
        if (v.getL() != null) {
            return AttributeValue.fromL(v.getL().stream().map(StreamImages::toSdk).toList());
        }
        return AttributeValue.fromNul(true);
    }

    public static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toEvents(
            Map<String, AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        image.forEach((name, value) -> out.put(name, toEvents(value)));
        return out;
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toEvents(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(v.nul());
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> out.setM(toEvents(v.m()));
            case L -> out.setL(v.l().stream().map(StreamImages::toEvents).toList());
            default -> out.setNULL(true);
        }
        return out;
    }

}
