package newsroom.local;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.feedback.SesFeedbackHandler;
import newsroom.json.Json;
import newsroom.local.emulator.SentEmail;
import newsroom.log.JsonLog;
import newsroom.render.Email;
import newsroom.service.port.Mailer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What SES's configuration set does in AWS, for an emulator that publishes no events: every email
 * SES accepted produces a Send event (with the email's tags) for the ses-feedback function, which
 * settles a delivery whose sender never reported back. As the topic's queue and its event source
 * mapping do in AWS, the events go to the function in batches: up to {@link #BATCH} at once, after
 * at most {@link #WINDOW} (the mapping's BatchSize and MaximumBatchingWindowInSeconds).
 *
 * <p>In AWS that event comes from SES, so it survives a sender killed right after the send. Here it
 * must too, so it does not depend on the sending process alone. It comes from two places: at once
 * from the process that sent (the quick path), and from the emulator's own list of the messages it
 * accepted, read when the runtime starts (before any sender runs, so a send whose process died is
 * settled before its claim's lease can run out) and again while it runs: soon after a send that
 * failed in a way that leaves its fate unknown, and every half minute after any sends. The
 * emulator's list keeps each message's body but not its tags, so the tags ride in the HTML as a
 * comment. Where the list has been read up to is kept in the emulator (like the stream positions).
 */
final class LocalSesEvents implements Mailer, Runnable {
    private static final JsonLog LOG = JsonLog.of(LocalSesEvents.class);
    static final String POSITION_KEY = "sent-mail-position.json";
    private static final Pattern TAGS = Pattern.compile("<!-- ses-tags ([^ ]*) -->");
    private static final Duration AFTER_DOUBT = Duration.ofSeconds(2);
    private static final Duration AFTER_SENDS = Duration.ofSeconds(30);
    static final int BATCH = 100;
    static final Duration WINDOW = Duration.ofSeconds(1);
    /** SesEventsQueue's maxReceiveCount: after that many failed attempts, SQS would move the event aside. */
    private static final int ATTEMPTS = 5;

    private final Mailer ses;
    private final SesFeedbackHandler feedback;
    private final Supplier<List<SentEmail>> accepted;
    private final S3Client s3;
    private final String bucket;
    private final Clock clock;
    /** Message ids whose Send event this process produced since the list was last read. */
    private final Set<String> settledHere = ConcurrentHashMap.newKeySet();
    private volatile boolean sentSincePass;
    private volatile Instant doubtSince;
    private volatile Instant lastPass = Instant.EPOCH;
    private volatile boolean running = true;
    /** Send events waiting for the next batch, as they would wait in the queue; each with its attempts. */
    private final Map<String, Integer> waiting = new LinkedHashMap<>();
    private Instant waitingSince;
    private final Object flushing = new Object();

    LocalSesEvents(Mailer ses, SesFeedbackHandler feedback, Supplier<List<SentEmail>> accepted,
                   S3Client s3, String bucket, Clock clock) {
        this.ses = ses;
        this.feedback = feedback;
        this.accepted = accepted;
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
    }

    @Override
    public String send(Email email) {
        Email tagged = email.tags().isEmpty() ? email
                : new Email(email.to(), email.subject(), withTags(email.html(), email.tags()), email.text(),
                        email.headers(), email.tags());
        String messageId;
        try {
            messageId = ses.send(tagged);
        } catch (Mailer.Rejected refused) {
            throw refused;
        } catch (RuntimeException unknown) {
            // The emulator may have taken it all the same: read its list soon.
            doubtSince = doubtSince == null ? Instant.now() : doubtSince;
            throw unknown;
        }
        sentSincePass = true;
        if (!email.tags().isEmpty()) {
            publishSend(messageId, List.of(email.to()), email.tags());
            settledHere.add(messageId);
        }
        return messageId;
    }

    /** The template value that carries each recipient's tags into the emulator's list. */
    private static final String TAGS_VALUE = "sesTags";

    /**
     * A bulk send: each recipient's tags ride in its HTML as a value of the template, and each
     * accepted recipient's Send event is produced as for a single send.
     */
    @Override
    public List<Sent> sendBulk(Email template, List<Recipient> recipients) {
        Email tagged = new Email(template.to(), template.subject(),
                (template.html() == null ? "" : template.html()) + "\n<!-- ses-tags {{" + TAGS_VALUE + "}} -->\n",
                template.text(), template.headers(), template.tags());
        List<Recipient> withTags = recipients.stream().map(r -> {
            Map<String, String> values = new LinkedHashMap<>(r.values());
            values.put(TAGS_VALUE, encodedTags(r.tags()));
            return new Recipient(r.to(), values, r.tags());
        }).toList();
        List<Sent> answers = ses.sendBulk(tagged, withTags);
        for (int i = 0; i < answers.size(); i++) {
            Sent answer = answers.get(i);
            Recipient recipient = recipients.get(i);
            if (answer.messageId() != null) {
                sentSincePass = true;
                if (!recipient.tags().isEmpty()) {
                    publishSend(answer.messageId(), List.of(recipient.to()), recipient.tags());
                    settledHere.add(answer.messageId());
                }
            } else if (!(answer.failure() instanceof Mailer.Rejected)) {
                // The emulator may have taken it all the same: read its list soon.
                doubtSince = doubtSince == null ? Instant.now() : doubtSince;
            }
        }
        return answers;
    }

    /**
     * Hands the waiting Send events to ses-feedback, a batch at a time. An event the function
     * reports as failed waits for the next batch, as SQS would hand it over again.
     */
    void flush() {
        synchronized (flushing) { // one batch at a time, as the mapping's one poller would
            while (true) {
                List<String> batch;
                Map<String, Integer> attempts = new LinkedHashMap<>();
                synchronized (waiting) {
                    if (waiting.isEmpty()) {
                        waitingSince = null;
                        return;
                    }
                    batch = waiting.keySet().stream().limit(BATCH).toList();
                    batch.forEach(event -> attempts.put(event, waiting.remove(event) + 1));
                }
                List<String> failed = new java.util.ArrayList<>();
                try {
                    feedback.handleRequest(queueBatch(batch), null).getBatchItemFailures()
                            .forEach(f -> failed.add(batch.get(Integer.parseInt(f.getItemIdentifier()))));
                } catch (RuntimeException e) {
                    LOG.error("ses-feedback failed a batch; its events wait for the next", e, "events", batch.size());
                    failed.addAll(batch);
                }
                boolean again = false;
                synchronized (waiting) {
                    for (String event : failed) {
                        if (attempts.get(event) < ATTEMPTS) {
                            waiting.merge(event, attempts.get(event), Math::max);
                            again = true;
                        } else {
                            LOG.warn("a Send event failed " + ATTEMPTS + " times; SQS would move it aside",
                                    "event", event);
                        }
                    }
                    if (again) {
                        waitingSince = Instant.now();
                    }
                }
                if (again) {
                    return; // the rest waits for the next pass, as SQS's redelivery would
                }
            }
        }
    }

    /** SES events as the queue's event source mapping hands them over (raw delivery: the body is the event). */
    static SQSEvent queueBatch(List<String> events) {
        List<SQSEvent.SQSMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(Integer.toString(i));
            message.setBody(events.get(i));
            message.setEventSource("aws:sqs");
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /**
     * Produces the Send event of every message the emulator accepted since the list was last read,
     * except those this process already reported. Returns how many it produced.
     */
    synchronized int reconcile() {
        sentSincePass = false;
        Instant doubt = doubtSince;
        doubtSince = null;
        lastPass = Instant.now();
        List<SentEmail> all = accepted.get();
        Position read = position();
        // A list shorter than the position, or with another message there, is a reset emulator's.
        int from = read.count() > 0 && read.count() <= all.size()
                && all.get(read.count() - 1).messageId().equals(read.lastMessageId()) ? read.count() : 0;
        int produced = 0;
        for (SentEmail message : all.subList(from, all.size())) {
            if (settledHere.remove(message.messageId())) {
                continue;
            }
            Map<String, String> tags = tagsIn(message.html());
            if (!tags.isEmpty()) {
                publishSend(message.messageId(), message.to(), tags);
                produced++;
            }
        }
        // Handed over before the position moves past them, so that a crash cannot lose them; while
        // any still waits (ses-feedback failed it), the position stays and the next pass reads
        // them again (a Send event settles nothing twice).
        flush();
        boolean handedOver;
        synchronized (waiting) {
            handedOver = waiting.isEmpty();
        }
        if (handedOver && all.size() > from) {
            savePosition(new Position(all.size(), all.get(all.size() - 1).messageId()));
        }
        if (produced > 0) {
            LOG.info("Send events produced from the emulator's list", "count", produced,
                    "afterDoubt", doubt != null);
        }
        return produced;
    }

    void stop() {
        running = false;
        flush();
    }

    @Override
    public void run() {
        while (running) {
            try {
                Thread.sleep(200);
                Instant now = Instant.now();
                if (due(now)) {
                    flush();
                }
                Instant doubt = doubtSince;
                if (doubt != null && now.isAfter(doubt.plus(AFTER_DOUBT))
                        || sentSincePass && now.isAfter(lastPass.plus(AFTER_SENDS))) {
                    reconcile();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("reading the emulator's sent mail failed", e);
                    doubtSince = doubtSince == null ? Instant.now() : doubtSince;
                }
            }
        }
    }

    private boolean due(Instant now) {
        synchronized (waiting) {
            return waitingSince != null && (waiting.size() >= BATCH || !now.isBefore(waitingSince.plus(WINDOW)));
        }
    }

    static String withTags(String html, Map<String, String> tags) {
        return (html == null ? "" : html) + "\n<!-- ses-tags " + encodedTags(tags) + " -->\n";
    }

    private static String encodedTags(Map<String, String> tags) {
        StringBuilder encoded = new StringBuilder();
        tags.forEach((name, value) -> encoded.append(encoded.length() == 0 ? "" : "&")
                .append(encode(name)).append('=').append(encode(value)));
        return encoded.toString();
    }

    static Map<String, String> tagsIn(String html) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (html == null) {
            return tags;
        }
        Matcher m = TAGS.matcher(html);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null || last.isEmpty()) {
            return tags;
        }
        for (String pair : last.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                tags.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return tags;
    }

    /** Form-encoded, and never "-" (two in a row would end the comment). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("-", "%2D");
    }

    private void publishSend(String messageId, List<String> to, Map<String, String> emailTags) {
        Map<String, Object> tags = new LinkedHashMap<>();
        emailTags.forEach((name, value) -> tags.put(name, List.of(value)));
        String sesEvent = Json.write(Map.of(
                "eventType", "Send",
                "mail", Map.of("messageId", messageId, "timestamp", clock.instant().toString(),
                        "destination", to, "tags", tags),
                "send", Map.of()));
        synchronized (waiting) {
            waiting.putIfAbsent(sesEvent, 0);
            if (waitingSince == null) {
                waitingSince = Instant.now();
            }
        }
    }

    private record Position(int count, String lastMessageId) {
    }

    private Position position() {
        try {
            return Json.read(s3.getObjectAsBytes(g -> g.bucket(bucket).key(POSITION_KEY)).asUtf8String(),
                    Position.class);
        } catch (NoSuchKeyException none) {
            return new Position(0, null);
        } catch (RuntimeException unreadable) {
            // Reading the whole list again only repeats Send events, which settle nothing twice.
            return new Position(0, null);
        }
    }

    private void savePosition(Position position) {
        s3.putObject(p -> p.bucket(bucket).key(POSITION_KEY).contentType("application/json"),
                RequestBody.fromString(Json.write(position)));
    }
}
