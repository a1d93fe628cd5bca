package newsroom.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import newsroom.render.Email;
import newsroom.service.port.Mailer;

/**
 * A mailer that keeps every email it accepts, refuses those a test says to refuse (a definite
 * refusal), and can accept an email and then fail as a timed-out request would (the caller cannot
 * tell whether it went).
 */
public final class RecordingMailer implements Mailer {
    private final List<Email> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Predicate<Email> refuse = email -> false;
    private volatile Predicate<Email> timeOut = email -> false;

    @Override
    public String send(Email email) {
        if (refuse.test(email)) {
            throw new Mailer.Rejected("MessageRejected", null);
        }
        sent.add(email);
        if (timeOut.test(email)) {
            throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("Read timed out"));
        }
        return "message-" + ids.incrementAndGet();
    }

    /** From now on, takes the emails that match and then fails as if the answer never came. */
    public void timeOut(Predicate<Email> which) {
        this.timeOut = which;
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
