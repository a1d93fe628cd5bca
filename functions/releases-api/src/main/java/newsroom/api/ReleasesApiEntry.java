package newsroom.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import newsroom.aws.LambdaEvents;

/**
 * Lambda's entry point (template.yaml's Handler): reads API Gateway's request itself and hands it
 * to {@link ReleasesApiHandler}. Taking the bytes spares a cold start the Lambda runtime's own event
 * mapping ({@link newsroom.aws.LambdaEvents} says what that costs).
 */
public final class ReleasesApiEntry implements RequestStreamHandler {
    private final ReleasesApiHandler handler = new ReleasesApiHandler();

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaEvents.write(handler.handleRequest(LambdaEvents.readHttpEvent(in), context), out);
    }
}
