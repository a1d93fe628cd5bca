package newsroom.aws;

import java.util.List;
import newsroom.config.AwsSettings;
import newsroom.log.JsonLog;
import newsroom.render.Email;
import newsroom.service.port.Mailer;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import newsroom.json.LightJson;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntry;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntryResult;
import software.amazon.awssdk.services.sesv2.model.BulkEmailStatus;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Sends through SES v2 with the configured sender and configuration set (for feedback events),
 * within a send rate, backing off and retrying while SES throttles (a throttled request was not
 * taken, so trying again cannot send twice). Any other 4xx answer is a definite refusal
 * ({@link Mailer.Rejected}); a timeout, a reset connection or a 5xx is left as it is, as SES may
 * have taken the email: the client given must not retry sends itself ({@link #client}).
 */
public final class SesMailer implements Mailer {
    private static final JsonLog LOG = JsonLog.of(SesMailer.class);
    static final int ATTEMPTS = 5;

    private final SesV2Client ses;
    private final String from;
    private final String configurationSet;
    private final SendRate rate;
    private final long firstBackoffMillis;

    public SesMailer(SesV2Client ses, String from, String configurationSet, SendRate rate) {
        this(ses, from, configurationSet, rate, 200);
    }

    SesMailer(SesV2Client ses, String from, String configurationSet, SendRate rate, long firstBackoffMillis) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet;
        this.rate = rate;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    @Override
    public String send(Email email) {
        List<MessageHeader> headers = email.headers().entrySet().stream()
                .map(h -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build())
                .toList();
        List<MessageTag> tags = email.tags().entrySet().stream()
                .map(t -> MessageTag.builder().name(t.getKey()).value(t.getValue()).build())
                .toList();
        Message message = Message.builder()
                .subject(utf8(email.subject()))
                .body(Body.builder().html(utf8(email.html())).text(utf8(email.text())).build())
                .headers(headers)
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                rate.acquire();
                return ses.sendEmail(r -> {
                    r.fromEmailAddress(from)
                            .destination(d -> d.toAddresses(email.to()))
                            .content(c -> c.simple(message));
                    if (!tags.isEmpty()) {
                        r.emailTags(tags);
                    }
                    if (configurationSet != null) {
                        r.configurationSetName(configurationSet);
                    }
                }).messageId();
            } catch (TooManyRequestsException | LimitExceededException e) {
                backOff(attempt, e);
            } catch (SesV2Exception e) {
                if (throttled(e) && attempt < ATTEMPTS) {
                    backOff(attempt, e);
                } else if (e.statusCode() >= 400 && e.statusCode() < 500) {
                    throw new Mailer.Rejected(errorCode(e), e);
                } else {
                    throw e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to send", e);
            }
        }
    }

    /**
     * One SendBulkEmail for up to {@link Mailer#BULK_MAX} recipients: the template inline, each
     * recipient's values, headers and tags as its replacements. SES answers each recipient: a
     * message id, or a status saying it was not sent. Throttled, the whole call is tried again
     * (SES took none of it); refused outright, every recipient is refused; a timeout, a reset
     * connection or a 5xx leaves every recipient unknown.
     */
    @Override
    public List<Sent> sendBulk(Email template, List<Recipient> recipients) {
        if (recipients.isEmpty()) {
            return List.of();
        }
        if (recipients.size() > Mailer.BULK_MAX) {
            throw new IllegalArgumentException("at most " + Mailer.BULK_MAX + " recipients a bulk send");
        }
        List<BulkEmailEntry> entries = recipients.stream().map(r -> {
            Email filled = r.fill(template);
            BulkEmailEntry.Builder entry = BulkEmailEntry.builder()
                    .destination(d -> d.toAddresses(r.to()))
                    .replacementEmailContent(c -> c.replacementTemplate(t -> t.replacementTemplateData(
                            LightJson.plain(r.values()))))
                    .replacementHeaders(filled.headers().entrySet().stream()
                            .map(h -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build()).toList());
            if (!r.tags().isEmpty()) {
                entry.replacementTags(r.tags().entrySet().stream()
                        .map(t -> MessageTag.builder().name(t.getKey()).value(t.getValue()).build()).toList());
            }
            return entry.build();
        }).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                for (int i = 0; i < recipients.size(); i++) {
                    rate.acquire();
                }
                return answers(recipients.size(), ses.sendBulkEmail(r -> {
                    r.fromEmailAddress(from)
                            .defaultContent(c -> c.template(t -> t
                                    .templateContent(tc -> tc.subject(template.subject()).html(template.html())
                                            .text(template.text()))
                                    .templateData("{}")))
                            .bulkEmailEntries(entries);
                    if (configurationSet != null) {
                        r.configurationSetName(configurationSet);
                    }
                }).bulkEmailEntryResults());
            } catch (TooManyRequestsException | LimitExceededException e) {
                if (attempt >= ATTEMPTS || !pause(attempt)) {
                    // Throttled every time: SES took none of the attempts.
                    return everyone(recipients.size(), new Mailer.Rejected("Throttled", e));
                }
            } catch (SesV2Exception e) {
                boolean retry = throttled(e) && attempt < ATTEMPTS;
                if (!retry && e.statusCode() >= 400 && e.statusCode() < 500) {
                    return everyone(recipients.size(), new Mailer.Rejected(errorCode(e), e));
                } else if (!retry || !pause(attempt)) {
                    return everyone(recipients.size(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return everyone(recipients.size(), new Mailer.Rejected("Interrupted before sending", e));
            } catch (RuntimeException unknown) {
                return everyone(recipients.size(), unknown);
            }
        }
    }

    /** SES's answer for each recipient, in order. */
    private static List<Sent> answers(int count, List<BulkEmailEntryResult> results) {
        List<Sent> answers = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            BulkEmailEntryResult result = i < results.size() ? results.get(i) : null;
            if (result == null) {
                answers.add(Sent.failed(new IllegalStateException("SES gave no answer for this recipient")));
            } else if (result.status() == BulkEmailStatus.SUCCESS) {
                answers.add(Sent.ok(result.messageId()));
            } else {
                // SES answered for this recipient, and did not send: a definite refusal.
                answers.add(Sent.failed(new Mailer.Rejected(result.statusAsString(), null)));
            }
        }
        return answers;
    }

    /** Waits before trying again; false when interrupted. */
    private boolean pause(int attempt) {
        long pause = firstBackoffMillis << (attempt - 1);
        LOG.warn("SES throttled; backing off", "attempt", attempt, "pauseMillis", pause);
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<Sent> everyone(int count, RuntimeException failure) {
        return java.util.Collections.nCopies(count, Sent.failed(failure));
    }

    /**
     * The SES client for sending: the SDK's own retries off, so a send that timed out after SES
     * took it is never made a second time behind our back (the delivery record decides that).
     */
    public static SesV2Client client(AwsSettings aws) {
        return AwsClients.build(SesV2Client.builder()
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry())), aws);
    }

    private static boolean throttled(SesV2Exception e) {
        return e.statusCode() == 429 || e.awsErrorDetails() != null && e.isThrottlingException();
    }

    private static String errorCode(SesV2Exception e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                ? e.awsErrorDetails().errorCode() : "HTTP " + e.statusCode();
    }

    private void backOff(int attempt, RuntimeException cause) {
        if (attempt >= ATTEMPTS) {
            // Throttled every time: SES took none of the attempts, so this is a definite "not sent".
            throw new Mailer.Rejected("Throttled", cause);
        }
        if (!pause(attempt)) {
            throw cause;
        }
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
