package newsroom.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules for a release, each reported against its field. Pure. */
class ReleaseRulesTest {
    private final ReleaseRules rules = new ReleaseRules(Categories.parse("Crime Operations, Appeals"));
    private static final ContactBlock CONTACT = new ContactBlock("Press office", "0800 000 0000", null);

    private static ReleaseDraft draft(String title, String body, String category, ContactBlock contact, String embargo) {
        return new ReleaseDraft(title, "Summary", body, category, List.of("tag"), contact, embargo, null);
    }

    private List<String> fieldsAtFault(ReleaseDraft draft) {
        return assertThrows(InvalidRequestException.class, () -> rules.check(draft))
                .errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aCompleteReleasePassesWithCategorySpeltAsConfigured() {
        ReleaseRules.Checked checked = rules.check(draft("Title", "Body", "crime operations", CONTACT,
                "2019-10-24T00:01:00+01:00"));
        assertEquals("Crime Operations", checked.category());
        assertEquals(Instant.parse("2019-10-23T23:01:00Z"), checked.embargoUntil());
    }

    @Test
    void requiredFields() {
        assertEquals(List.of("title", "body", "category", "contact"), fieldsAtFault(draft(" ", null, null, null, null)));
    }

    @Test
    void lengthLimits() {
        assertEquals(List.of("title"), fieldsAtFault(draft("x".repeat(201), "Body", "Appeals", CONTACT, null)));
        assertEquals(List.of("body"), fieldsAtFault(draft("T", "x".repeat(100 * 1024 + 1), "Appeals", CONTACT, null)));
        ReleaseDraft longSummary = new ReleaseDraft("T", "x".repeat(501), "Body", "Appeals", null, CONTACT, null, null);
        assertEquals(List.of("summary"), fieldsAtFault(longSummary));
    }

    @Test
    void unknownCategory() {
        assertEquals(List.of("category"), fieldsAtFault(draft("T", "B", "Gardening", CONTACT, null)));
    }

    @Test
    void contactNeedsNameAndAPhoneOrEmail() {
        assertEquals(List.of("contact.name", "contact"),
                fieldsAtFault(draft("T", "B", "Appeals", new ContactBlock(null, null, null), null)));
        assertEquals(List.of("contact.email"),
                fieldsAtFault(draft("T", "B", "Appeals", new ContactBlock("P", null, "nope"), null)));
    }

    @Test
    void embargoNeedsAnOffset() {
        assertEquals(List.of("embargoUntil"), fieldsAtFault(draft("T", "B", "Appeals", CONTACT, "2019-10-24T00:01:00")));
        assertEquals(List.of("embargoUntil"), fieldsAtFault(draft("T", "B", "Appeals", CONTACT, "tomorrow")));
    }

    @Test
    void blankTagsAreRefusedByPosition() {
        ReleaseDraft tags = new ReleaseDraft("T", null, "B", "Appeals", List.of("ok", " "), CONTACT, null, null);
        assertEquals(List.of("tags[1]"), fieldsAtFault(tags));
    }
}
