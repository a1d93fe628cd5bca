package newsroom.local.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.aws.AwsClients;
import newsroom.local.LocalClients;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The requests a client sends, by operation ("BatchGetItem"), in order: for tests that show a
 * batch's work takes a few requests rather than one an item.
 */
public final class RequestLog implements ExecutionInterceptor {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Long> answerBytes = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        requests.add(context.request().getClass().getSimpleName().replace("Request", ""));
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        answerBytes.add(context.httpResponse().firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L));
    }

    /** A DynamoDB client to the emulator whose requests this log records. */
    public DynamoDbClient dynamo(LocalClients clients) {
        return AwsClients.build(DynamoDbClient.builder().overrideConfiguration(o -> o.addExecutionInterceptor(this)),
                clients.settings());
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The size of each answer, in order (-1 where it gave none). */
    public List<Long> answerBytes() {
        return List.copyOf(answerBytes);
    }

    public void clear() {
        requests.clear();
        answerBytes.clear();
    }
}
