package newsroom.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import newsroom.log.JsonLog;
import newsroom.render.Email;
import newsroom.render.Html;
import newsroom.service.port.LegalReviewRepository;
import newsroom.service.port.Mailer;

/**
 * Tells the press office of reviews that have fallen due: once a day, from the configured time,
 * each person concerned (the release's author, when their sign-in name is an address, and the
 * configured publishers) gets one email listing the reviews that fell due and that nobody has
 * told them of yet. Each review is in one such email per person, however often this runs, and
 * however many instances run at once: each (person, day) is claimed before its email is sent.
 *
 * <p>A run that is missed (no tick that day) is caught up by the next, since every review due up
 * to then and not yet reminded of is in it. If the process dies after SES took the email and
 * before it is recorded, the claim's lease runs out and the next run sends it again: at least
 * once, never lost.
 */
public final class ReviewReminders {
    private static final JsonLog LOG = JsonLog.of(ReviewReminders.class);
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_REVIEWS = 500;

    private final LegalReviews legal;
    private final LegalReviewRepository reviews;
    private final Mailer mailer;
    private final List<String> publishers;
    private final String deskUrl;
    private final String siteName;
    private final ZoneId zone;
    private final LocalTime sendFrom;
    private final Duration lease;
    private final Clock clock;

    public ReviewReminders(LegalReviews legal, LegalReviewRepository reviews, Mailer mailer, List<String> publishers,
                           String deskUrl, String siteName, ZoneId zone, LocalTime sendFrom, Duration lease,
                           Clock clock) {
        this.legal = legal;
        this.reviews = reviews;
        this.mailer = mailer;
        this.publishers = publishers.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        this.deskUrl = deskUrl;
        this.siteName = siteName;
        this.zone = zone;
        this.sendFrom = sendFrom;
        this.lease = lease;
        this.clock = clock;
    }

    /** Parses "editor@force.police.uk, duty@force.police.uk" as configured. */
    public static List<String> addresses(String commaSeparated) {
        List<String> addresses = new ArrayList<>();
        for (String part : commaSeparated == null ? new String[0] : commaSeparated.split(",")) {
            String address = part.strip();
            if (!address.isEmpty()) {
                if (!ADDRESS.matcher(address).matches()) {
                    throw new IllegalArgumentException("not an email address: " + address);
                }
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** Sends the day's reminders that are due and not yet sent; returns how many emails went. */
    public int run() {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(zone);
        if (local.toLocalTime().isBefore(sendFrom)) {
            return 0;
        }
        LocalDate today = local.toLocalDate();
        List<LegalReviews.DueReview> due = legal.due(today, MAX_REVIEWS);
        Map<String, List<LegalReviews.DueReview>> byRecipient = new TreeMap<>();
        for (LegalReviews.DueReview review : due) {
            for (String recipient : recipients(review)) {
                byRecipient.computeIfAbsent(recipient, r -> new ArrayList<>()).add(review);
            }
        }
        int sent = 0;
        for (Map.Entry<String, List<LegalReviews.DueReview>> entry : byRecipient.entrySet()) {
            try {
                if (remind(entry.getKey(), entry.getValue(), today, now)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // Claimed and not sent: after the lease, a later run sends it. The others go on.
                LOG.error("review reminder not sent; a later run sends it", e);
            }
        }
        return sent;
    }

    private List<String> recipients(LegalReviews.DueReview review) {
        List<String> to = new ArrayList<>();
        String author = review.release().author();
        if (author != null && ADDRESS.matcher(author.strip()).matches()) {
            to.add(author.strip().toLowerCase(Locale.ROOT));
        }
        for (String publisher : publishers) {
            String address = publisher.toLowerCase(Locale.ROOT);
            if (!to.contains(address)) {
                to.add(address);
            }
        }
        return to;
    }

    private boolean remind(String recipient, List<LegalReviews.DueReview> theirs, LocalDate today, Instant now) {
        LocalDate earliest = theirs.stream().map(r -> r.flag().reviewOn()).min(LocalDate::compareTo).orElse(today);
        Set<String> told = reviews.remindedReviews(recipient, earliest);
        Map<String, LegalReviews.DueReview> pending = new LinkedHashMap<>();
        for (LegalReviews.DueReview review : theirs) {
            if (!told.contains(review.flag().reviewKey())) {
                pending.put(review.flag().reviewKey(), review);
            }
        }
        if (pending.isEmpty()) {
            return false;
        }
        List<String> claimed = reviews.claimReminder(recipient, today, List.copyOf(pending.keySet()), now, lease);
        if (claimed.isEmpty()) {
            return false; // today's reminder went already (or is going): one a day
        }
        List<LegalReviews.DueReview> listed = new ArrayList<>();
        for (String key : claimed) {
            LegalReviews.DueReview review = pending.get(key);
            if (review != null) {
                listed.add(review);
            }
        }
        if (listed.isEmpty()) {
            // A claim taken over from a dead run whose reviews were all decided since: nothing to say.
            reviews.reminderSent(recipient, today, null, now);
            return false;
        }
        String messageId = mailer.send(email(recipient, listed));
        reviews.reminderSent(recipient, today, messageId, now);
        LOG.info("review reminder sent", "reviews", listed.size(), "messageId", messageId);
        return true;
    }

    Email email(String recipient, List<LegalReviews.DueReview> listed) {
        String subject = listed.size() == 1 ? "Review due: " + listed.get(0).release().title()
                : listed.size() + " release reviews due";
        StringBuilder text = new StringBuilder("These releases are due for legal review. Decide for each: keep"
                + " (with a new review date), redact, or withdraw.\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(subject)).append("</title></head><body><p>These releases are due for legal review."
                        + " Decide for each: keep (with a new review date), redact, or withdraw.</p><ul>");
        for (LegalReviews.DueReview review : listed) {
            String line = review.release().title() + " — " + review.flag().label() + ", review due "
                    + review.flag().reviewOn();
            text.append("- ").append(line).append("\n  release ").append(review.release().id()).append('\n');
            html.append("<li>").append(Html.escape(line)).append("</li>");
        }
        html.append("</ul><p><a href=\"").append(Html.escape(deskUrl)).append("#/reviews\">Open the reviews in the desk</a></p>")
                .append("<p>").append(Html.escape(siteName)).append("</p></body></html>");
        text.append("\nOpen the reviews in the desk: ").append(deskUrl).append("#/reviews\n\n").append(siteName).append('\n');
        return new Email(recipient, subject, html.toString(), text.toString(), Map.of());
    }
}
