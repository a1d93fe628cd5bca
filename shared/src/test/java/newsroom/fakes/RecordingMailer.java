package newsroom.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import newsroom.render.Email;
import newsroom.service.port.Mailer;

/** A mailer that keeps every email it accepts, and refuses those a test says to refuse. */
public final class RecordingMailer implements Mailer {
    private final List<Email> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Predicate<Email> refuse = email -> false;

    @Override
    public String send(Email email) {
        if (refuse.test(email)) {
            throw new IllegalStateException("refused by the test: " + email.to());
        }
        sent.add(email);
        return "message-" + ids.incrementAndGet();
    }

    /** From now on, refuses the emails that match. */
    public void refuse(Predicate<Email> which) {
        this.refuse = which;
    }

    public List<Email> sent() {
        return List.copyOf(sent);
    }

    public List<Email> sentTo(String address) {
        return sent.stream().filter(e -> e.to().equals(address)).toList();
    }
}
