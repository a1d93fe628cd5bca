package newsroom.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules for a media contact. Pure. */
class ContactRulesTest {
    private final ContactRules rules = new ContactRules(Categories.parse("Crime Operations, Appeals"));

    @Test
    void emailIsLowerCasedAndTopicsSpeltAsConfigured() {
        ContactRules.Checked checked = rules.check(new ContactDraft(" Jo@Paper.Example ", "Jo", "Paper",
                List.of("appeals", "*"), true));
        assertEquals("jo@paper.example", checked.email());
        assertEquals(Set.of("Appeals", "*"), checked.topics());
        assertTrue(checked.embargoAccess());
    }

    @Test
    void everyFaultIsNamed() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> rules.check(new ContactDraft("not-an-email", " ", null, List.of("Gardening"), null)));
        assertEquals(List.of("email", "name", "topics[0]"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void topicsAreRequired() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> rules.check(new ContactDraft("a@b.example", "A", null, List.of(), null)));
        assertEquals("topics", e.errors().get(0).field());
    }

    @Test
    void aContactWithAllTopicsWantsEveryCategory() {
        MediaContact all = new MediaContact("1", "a@b.example", "A", null, null, Set.of("*"), false, ContactStatus.ACTIVE,
                null, null, null);
        assertTrue(all.wantsCategory("Appeals"));
    }
}
