package newsroom.domain;

/** The unit of work on the mail queue: send one kind of email about one release to one contact. */
public record MailJob(String releaseId, String contactId, DeliveryKind kind) {
}
