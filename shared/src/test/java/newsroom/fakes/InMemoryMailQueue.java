package newsroom.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.domain.MailJob;
import newsroom.service.port.MailQueue;

/** The mail queue in memory: every job queued, in order. */
public final class InMemoryMailQueue implements MailQueue {
    private final List<MailJob> jobs = new CopyOnWriteArrayList<>();

    @Override
    public void enqueue(List<MailJob> batch) {
        jobs.addAll(batch);
    }

    public List<MailJob> jobs() {
        return List.copyOf(jobs);
    }

    public void clear() {
        jobs.clear();
    }
}
