package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import newsroom.domain.ContactStatus;
import newsroom.domain.DeliveryKind;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.MailJob;
import newsroom.fakes.InMemoryContactRepository;
import newsroom.fakes.InMemoryDeliveryRepository;
import newsroom.fakes.Samples;
import org.junit.jupiter.api.Test;

/** What SES reports back, against in-memory ports. Pure. */
class SesFeedbackTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final InMemoryContactRepository contacts = new InMemoryContactRepository();
    private final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository();
    private final SesFeedback feedback = new SesFeedback(contacts, deliveries, Clock.fixed(NOW, ZoneOffset.UTC));

    SesFeedbackTest() {
        contacts.create(Samples.contact("ann", "ann@paper.example", Set.of("*"), false, ContactStatus.ACTIVE));
        contacts.create(Samples.contact("bob", "bob@radio.example", Set.of("*"), false, ContactStatus.ACTIVE));
    }

    private ContactStatus statusOf(String id) {
        return contacts.find(id).orElseThrow().status();
    }

    @Test
    void aPermanentBounceStopsEmailToThatAddressWhateverItsCaseOrDisplayName() {
        SesFeedback.Outcome outcome = feedback.handle("""
                {"eventType": "Bounce", "bounce": {"bounceType": "Permanent",
                 "bouncedRecipients": [{"emailAddress": "Ann Smith <Ann@Paper.example>"}]}, "mail": {}}""");
        assertEquals(List.of("ann"), outcome.suppressed());
        assertEquals(ContactStatus.BOUNCED, statusOf("ann"));
        assertEquals(ContactStatus.ACTIVE, statusOf("bob"));
    }

    @Test
    void aTransientBounceChangesNothing() {
        feedback.handle("""
                {"eventType": "Bounce", "bounce": {"bounceType": "Transient",
                 "bouncedRecipients": [{"emailAddress": "ann@paper.example"}]}, "mail": {}}""");
        assertEquals(ContactStatus.ACTIVE, statusOf("ann"));
    }

    @Test
    void aComplaintInEitherFormatStopsEmail() {
        feedback.handle("""
                {"notificationType": "Complaint", "complaint": {"complainedRecipients":
                 [{"emailAddress": "bob@radio.example"}]}, "mail": {}}""");
        assertEquals(ContactStatus.COMPLAINED, statusOf("bob"));
    }

    @Test
    void aSendEventSettlesADeliveryWhoseSenderNeverReportedBack() {
        MailJob job = new MailJob("r1", "ann", DeliveryKind.PUBLISHED);
        deliveries.claim(job, "ann@paper.example", NOW, Duration.ofMinutes(10));
        SesFeedback.Outcome outcome = feedback.handle("""
                {"eventType": "Send", "mail": {"messageId": "ses-42",
                 "tags": {"release": ["r1"], "contact": ["ann"], "kind": ["PUBLISHED"]}}}""");
        assertTrue(outcome.confirmedSend());
        assertEquals(Optional.of(DeliveryStatus.SENT), deliveries.statusOf(job));
        assertEquals("ses-42", deliveries.all("r1").get(0).messageId());
    }

    @Test
    void otherEventsAndSendsThatAreNotOursChangeNothing() {
        assertFalse(feedback.handle("{\"eventType\": \"Delivery\", \"mail\": {}}").confirmedSend());
        assertFalse(feedback.handle("{\"eventType\": \"Send\", \"mail\": {\"messageId\": \"x\", \"tags\": {}}}")
                .confirmedSend());
        assertEquals(ContactStatus.ACTIVE, statusOf("ann"));
    }

    @Test
    void aBatchSettlesItsSendsTogetherAndFailsOnlyWhatIsNoEvent() {
        MailJob job = new MailJob("r1", "ann", DeliveryKind.PUBLISHED);
        deliveries.claim(job, "ann@paper.example", NOW, Duration.ofMinutes(10));
        List<RuntimeException> failures = feedback.handleAll(java.util.Arrays.asList(
                "{\"Type\": \"Notification\", \"Message\": \"{\\\"eventType\\\": \\\"Send\\\", \\\"mail\\\": "
                        + "{\\\"messageId\\\": \\\"ses-7\\\", \\\"tags\\\": {\\\"release\\\": [\\\"r1\\\"], "
                        + "\\\"contact\\\": [\\\"ann\\\"], \\\"kind\\\": [\\\"PUBLISHED\\\"]}}}\"}",
                "[]",
                null,
                "{\"eventType\": \"Complaint\", \"complaint\": {\"complainedRecipients\": "
                        + "[{\"emailAddress\": \"bob@radio.example\"}]}, \"mail\": {}}",
                "{\"eventType\": \"Send\", \"mail\": {\"messageId\": \"\", \"tags\": {\"release\": [\"r1\"], "
                        + "\"contact\": [\"ann\"], \"kind\": [\"PUBLISHED\"]}}}"));
        assertEquals(5, failures.size());
        assertEquals(null, failures.get(0), "a Send event inside an SNS envelope");
        assertTrue(failures.get(1) instanceof IllegalArgumentException, "an array is no SES event");
        assertTrue(failures.get(2) instanceof IllegalArgumentException, "nor is nothing");
        assertEquals(null, failures.get(3));
        assertEquals(null, failures.get(4), "a send without SES's id names no email of ours: ignored");
        assertEquals(Optional.of(DeliveryStatus.SENT), deliveries.statusOf(job));
        assertEquals(List.of("ses-7"), deliveries.all("r1").get(0).messageIds());
        assertEquals(ContactStatus.COMPLAINED, statusOf("bob"));
    }

    @Test
    void whenTheStoreFailsOnlyTheBatchsSendsFail() {
        DeliveryRepositoryThatFails failing = new DeliveryRepositoryThatFails();
        SesFeedback broken = new SesFeedback(contacts, failing, Clock.fixed(NOW, ZoneOffset.UTC));
        List<RuntimeException> failures = broken.handleAll(List.of(
                "{\"eventType\": \"Send\", \"mail\": {\"messageId\": \"ses-1\", \"tags\": {\"release\": [\"r1\"], "
                        + "\"contact\": [\"ann\"], \"kind\": [\"PUBLISHED\"]}}}",
                "{\"eventType\": \"Bounce\", \"bounce\": {\"bounceType\": \"Permanent\", "
                        + "\"bouncedRecipients\": [{\"emailAddress\": \"ann@paper.example\"}]}, \"mail\": {}}"));
        assertTrue(failures.get(0) instanceof IllegalStateException);
        assertEquals(null, failures.get(1));
        assertEquals(ContactStatus.BOUNCED, statusOf("ann"));
    }

    private static final class DeliveryRepositoryThatFails extends InMemoryDeliveryRepository {
        @Override
        public void confirmAllSent(List<Accepted> sends, Instant now) {
            throw new IllegalStateException("the table is away");
        }
    }
}
