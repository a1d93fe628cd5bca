package newsroom.sitepublisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import newsroom.aws.LambdaEvents;

/**
 * Lambda's entry point (template.yaml's Handler): reads a table-stream batch itself and hands it to
 * {@link SitePublisherHandler}. Taking the bytes spares a cold start the Lambda runtime's own event
 * mapping ({@link newsroom.aws.LambdaEvents} says what that costs).
 */
public final class SitePublisherEntry implements RequestStreamHandler {
    private final SitePublisherHandler handler = new SitePublisherHandler();

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaEvents.write(handler.handleRequest(LambdaEvents.readStreamEvent(in), context), out);
    }
}
