package newsroom.mail;

import java.util.List;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;

/** Sends through SES v2 with the configured sender and configuration set (for feedback events). */
public final class SesMailer implements Mailer {
    private final SesV2Client ses;
    private final String from;
    private final String configurationSet;

    public SesMailer(SesV2Client ses, String from, String configurationSet) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(Email email) {
        List<MessageHeader> headers = email.headers().entrySet().stream()
                .map(h -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build())
                .toList();
        Message message = Message.builder()
                .subject(utf8(email.subject()))
                .body(Body.builder().html(utf8(email.html())).text(utf8(email.text())).build())
                .headers(headers)
                .build();
        return ses.sendEmail(r -> {
            r.fromEmailAddress(from)
                    .destination(d -> d.toAddresses(email.to()))
                    .content(c -> c.simple(message));
            if (configurationSet != null) {
                r.configurationSetName(configurationSet);
            }
        }).messageId();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
