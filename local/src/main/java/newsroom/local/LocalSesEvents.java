package newsroom.local;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.feedback.SesFeedbackHandler;
import newsroom.json.Json;
import newsroom.render.Email;
import newsroom.service.port.Mailer;
import org.joda.time.DateTime;

/**
 * What SES's configuration set does in AWS, for the emulator, which publishes no events: when SES
 * accepts an email, a Send event (with the email's tags) reaches the ses-feedback function through
 * SNS. It is published by "SES", so it happens even if the sender crashes right after.
 */
final class LocalSesEvents implements Mailer {
    private final Mailer ses;
    private final SesFeedbackHandler feedback;
    private final String topicArn;

    LocalSesEvents(Mailer ses, SesFeedbackHandler feedback, String region) {
        this.ses = ses;
        this.feedback = feedback;
        this.topicArn = "arn:aws:sns:" + region + ":000000000000:newsroom-ses-events";
    }

    @Override
    public String send(Email email) {
        String messageId = ses.send(email);
        Map<String, Object> tags = new LinkedHashMap<>();
        email.tags().forEach((name, value) -> tags.put(name, List.of(value)));
        String sesEvent = Json.write(Map.of(
                "eventType", "Send",
                "mail", Map.of("messageId", messageId, "timestamp", Instant.now().toString(),
                        "destination", List.of(email.to()), "tags", tags),
                "send", Map.of()));
        feedback.handleRequest(snsEvent(sesEvent), null);
        return messageId;
    }

    private SNSEvent snsEvent(String message) {
        SNSEvent.SNS sns = new SNSEvent.SNS();
        sns.setMessage(message);
        sns.setMessageId(UUID.randomUUID().toString());
        sns.setTopicArn(topicArn);
        sns.setType("Notification");
        sns.setTimestamp(new DateTime());
        SNSEvent.SNSRecord record = new SNSEvent.SNSRecord();
        record.setSns(sns);
        record.setEventSource("aws:sns");
        record.setEventVersion("1.0");
        SNSEvent event = new SNSEvent();
        event.setRecords(List.of(record));
        return event;
    }
}
