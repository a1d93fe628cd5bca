package newsroom.rebuilder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import newsroom.aws.LambdaEvents;
import newsroom.json.LightJson;

/**
 * Lambda's entry point (template.yaml's Handler): reads a rebuild request or a settings change itself and hands it to
 * {@link SiteRebuilderHandler}. Taking the bytes spares a cold start the Lambda runtime's own event
 * mapping ({@link newsroom.aws.LambdaEvents} says what that costs).
 */
public final class SiteRebuilderEntry implements RequestStreamHandler {
    private final SiteRebuilderHandler handler = new SiteRebuilderHandler();

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        // A settings change comes from the table's stream (its records are not read: any change of
        // settings rebuilds); anything else asks for a rebuild.
        boolean fromStream = LambdaEvents.hasField(in, "Records");
        Map<String, Object> input = fromStream ? Map.of("Records", List.of()) : Map.of();
        out.write(LightJson.plain(handler.handleRequest(input, context)).getBytes(StandardCharsets.UTF_8));
    }
}
