package newsroom.sweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.nio.charset.StandardCharsets;
import newsroom.json.LightJson;

/**
 * Lambda's entry point (template.yaml's Handler): reads the schedule's tick itself and hands it to
 * {@link EmbargoSweeperHandler}. Taking the bytes spares a cold start the Lambda runtime's own event
 * mapping ({@link newsroom.aws.LambdaEvents} says what that costs).
 */
public final class EmbargoSweeperEntry implements RequestStreamHandler {
    private final EmbargoSweeperHandler handler = new EmbargoSweeperHandler();

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        // The schedule's event says only that it is time; the sweep reads the clock itself.
        in.transferTo(OutputStream.nullOutputStream());
        out.write(LightJson.plain(handler.handleRequest(new ScheduledEvent(), context)).getBytes(StandardCharsets.UTF_8));
    }
}
