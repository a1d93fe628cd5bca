package newsroom.service.port;

import java.util.List;
import newsroom.domain.MailJob;

/** Where mail jobs wait for the mail sender. */
public interface MailQueue {
    void enqueue(List<MailJob> jobs);
}
