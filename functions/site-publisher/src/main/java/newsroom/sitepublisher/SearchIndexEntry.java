package newsroom.sitepublisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import newsroom.aws.LambdaEvents;

/**
 * Lambda's entry point (template.yaml's Handler): reads a queue batch itself and hands it to
 * {@link SearchIndexHandler}, sparing a cold start the Lambda runtime's own event mapping.
 */
public final class SearchIndexEntry implements RequestStreamHandler {
    private final SearchIndexHandler handler = new SearchIndexHandler();

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaEvents.write(handler.handleRequest(LambdaEvents.readQueueEvent(in), context), out);
    }
}
