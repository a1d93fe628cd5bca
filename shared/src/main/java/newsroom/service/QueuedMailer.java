package newsroom.service;

import java.util.List;
import newsroom.domain.MailJob;
import newsroom.render.Email;
import newsroom.service.port.MailQueue;
import newsroom.service.port.Mailer;

/**
 * A mailer that hands the email to the mail queue, for the mail sender to send: the API sends
 * subscription confirmations this way, so all mail goes at one send rate and the API needs no
 * email client (a smaller function that starts sooner).
 */
public final class QueuedMailer implements Mailer {
    private final MailQueue queue;

    public QueuedMailer(MailQueue queue) {
        this.queue = queue;
    }

    /** Returns no message id: the mail sender's send has one, logged there. */
    @Override
    public String send(Email email) {
        queue.enqueue(List.of(MailJob.confirmation(email)));
        return "queued";
    }
}
