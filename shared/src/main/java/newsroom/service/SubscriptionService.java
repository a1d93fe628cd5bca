package newsroom.service;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import newsroom.domain.ContactDraft;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.ContactRules;
import newsroom.domain.ContactStatus;
import newsroom.domain.DigestFrequency;
import newsroom.domain.MediaContact;
import newsroom.log.JsonLog;
import newsroom.render.MailComposer;
import newsroom.service.port.ConfirmationCooldown;
import newsroom.service.port.ContactRepository;
import newsroom.service.port.Mailer;

/**
 * The public's own subscriptions: double opt-in (a signed, expiring link by email; nothing else
 * goes to the address until it is followed) and unsubscribing by a signed link. A confirmed
 * subscriber becomes an active media contact; one already on the list keeps their details and
 * gains the topics they asked for.
 */
public final class SubscriptionService {
    private static final JsonLog LOG = JsonLog.of(SubscriptionService.class);
    public static final String DOUBLE_OPT_IN = "double opt-in (subscription form)";
    /** At most one confirmation email an address in this time, however often it is asked for. */
    public static final Duration COOLDOWN = Duration.ofMinutes(15);

    private final ContactService contacts;
    private final ContactRepository repository;
    private final SignedTokens tokens;
    private final Mailer mailer;
    private final MailComposer composer;
    private final String apiBaseUrl;
    private final ConfirmationCooldown cooldown;
    private final Clock clock;

    public SubscriptionService(ContactService contacts, ContactRepository repository, SignedTokens tokens,
                               Mailer mailer, MailComposer composer, String apiBaseUrl, ConfirmationCooldown cooldown,
                               Clock clock) {
        this.contacts = contacts;
        this.repository = repository;
        this.tokens = tokens;
        this.mailer = mailer;
        this.composer = composer;
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /**
     * Emails a confirmation link, whether or not the address is known (the list is not disclosed),
     * unless one went to the address within {@link #COOLDOWN}: then nothing is sent, and the caller
     * is told the same as ever, so the answer reveals nothing either.
     *
     * @throws newsroom.domain.InvalidRequestException when the address, name or topics are not acceptable
     */
    public void subscribe(String email, String name, List<String> requestedTopics) {
        subscribe(email, name, requestedTopics, null);
    }

    /**
     * The same, asking for a digest ({@code frequency} daily or weekly) instead of each release.
     *
     * @throws newsroom.domain.InvalidRequestException when the address, name, topics or frequency are not acceptable
     */
    public void subscribe(String email, String name, List<String> requestedTopics, String frequency) {
        ContactRules.Checked checked = check(email, name, requestedTopics, frequency);
        if (!cooldown.tryStart(checked.email(), clock.instant(), COOLDOWN)) {
            LOG.info("subscription confirmation not sent: one went to this address recently");
            return;
        }
        List<String> topics = List.copyOf(checked.topics());
        String link = apiBaseUrl + "/subscriptions/confirm?token="
                + tokens.confirmation(checked.email(), checked.name(), topics,
                checked.frequency() == null ? null : checked.frequency().wireName());
        mailer.send(composer.confirmationEmail(checked.email(), topics, link));
        LOG.info("subscription confirmation sent");
    }

    /** Whether a confirmation link is genuine and still valid (the page with the button shows only then). */
    public boolean isValidConfirmation(String token) {
        return tokens.verifyConfirmation(token).isPresent();
    }

    /** Follows a confirmation link: the subscriber is on the list, active, with the topics asked for. */
    public boolean confirm(String token) {
        return confirm(token, null);
    }

    /** How often the link asked for (immediate, daily, weekly), or null when it asked for none. */
    public Optional<DigestFrequency> requestedFrequency(String token) {
        return tokens.verifyConfirmation(token).flatMap(c -> DigestFrequency.parse(c.frequency()));
    }

    /**
     * Follows a confirmation link, with how often the subscriber now chooses to hear from us
     * ({@code frequency}, from the confirmation page; null keeps what they asked for).
     */
    public boolean confirm(String token, DigestFrequency frequency) {
        Optional<SignedTokens.Confirmation> confirmation = tokens.verifyConfirmation(token);
        if (confirmation.isEmpty()) {
            return false;
        }
        SignedTokens.Confirmation c = confirmation.get();
        ContactRules.Checked asked = check(c.email(), c.name(), c.topics(), c.frequency());
        DigestFrequency chosen = frequency != null ? frequency
                : asked.frequency() != null ? asked.frequency() : DigestFrequency.IMMEDIATE;
        ContactRules.Checked checked = new ContactRules.Checked(asked.email(), asked.name(), asked.outlet(),
                asked.role(), asked.topics(), asked.embargoAccess(), asked.status(), asked.consentSource(), chosen);
        Optional<MediaContact> existing = repository.findByEmail(checked.email());
        if (existing.isEmpty()) {
            contacts.create(checked);
        } else {
            MediaContact current = existing.get();
            Set<String> topics = new LinkedHashSet<>(current.topics());
            topics.addAll(checked.topics());
            contacts.update(current, new ContactRules.Checked(current.email(), current.name(), current.outlet(),
                    current.role(), topics, current.embargoAccess(), ContactStatus.ACTIVE, DOUBLE_OPT_IN, chosen), true);
        }
        return true;
    }

    /** Whether an unsubscribe link is genuine. */
    public boolean isValidUnsubscribe(String token) {
        return tokens.verifyUnsubscribe(token).isPresent();
    }

    /** Follows an unsubscribe link: no more email to that contact. */
    public boolean unsubscribe(String token) {
        Optional<String> contactId = tokens.verifyUnsubscribe(token);
        if (contactId.isEmpty()) {
            return false;
        }
        try {
            repository.setStatus(contactId.get(), ContactStatus.UNSUBSCRIBED);
        } catch (ContactNotFoundException gone) {
            // Deleted from the list already: the outcome the reader asked for.
        }
        return true;
    }

    private ContactRules.Checked check(String email, String name, List<String> topics, String frequency) {
        return contacts.rules().check(new ContactDraft(email, name, null, null, topics, false, null, DOUBLE_OPT_IN,
                frequency));
    }
}
