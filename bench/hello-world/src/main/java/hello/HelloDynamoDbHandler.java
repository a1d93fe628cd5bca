package hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hello world with one real call: the textbook handler that builds a DynamoDB client once and
 * reads one item. Every Newsroom function pays at least this, so it is the fair baseline.
 */
public final class HelloDynamoDbHandler implements RequestHandler<Map<String, Object>, String> {
    private final DynamoDbClient dynamo;
    private final String table;

    public HelloDynamoDbHandler() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Optional.ofNullable(System.getenv("AWS_REGION")).orElse("eu-west-2")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL")).map(URI::create).ifPresent(builder::endpointOverride);
        this.dynamo = builder.build();
        this.table = System.getenv("TABLE_NAME");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        var item = dynamo.getItem(g -> g.tableName(table).key(Map.of(
                "PK", AttributeValue.fromS("HELLO"), "SK", AttributeValue.fromS("WORLD")))).item();
        return "hello, " + (item.isEmpty() ? "nobody" : item.get("name").s());
    }
}
