package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import newsroom.domain.ContactRules;
import newsroom.domain.ContactStatus;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.MediaContact;
import newsroom.fakes.InMemoryContactRepository;
import newsroom.fakes.Samples;
import org.junit.jupiter.api.Test;

/** Importing a CSV media list, against the in-memory table. Pure. */
class ContactImportTest {
    private final InMemoryContactRepository repository = new InMemoryContactRepository();
    private final ContactService contacts = new ContactService(repository, new ContactRules(Samples.CATEGORIES),
            Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));
    private final ContactImport importer = new ContactImport(repository, contacts);

    private ContactImport.Report run(String csv, long rowOffset) {
        return importer.importCsv(new StringReader(csv), rowOffset);
    }

    @Test
    void goodRowsAreImportedBadRowsAreReportedByRowNumberAndFieldAndNotImported() {
        ContactImport.Report report = run("""
                email,name,topics,embargoAccess
                ann@paper.example,Ann Smith,Appeals;Court Results,true
                not-an-address,Bad Row,Appeals,false
                bob@radio.example,Bob Jones,*,false
                """, 0);
        assertEquals(3, report.rows());
        assertEquals(2, report.created());
        assertEquals(1, report.rejected().size());
        assertEquals(3, report.rejected().get(0).row(), "the header is row 1");
        assertEquals("email", report.rejected().get(0).errors().get(0).field());
        MediaContact ann = repository.findByEmail("ann@paper.example").orElseThrow();
        assertEquals(Set.of("Appeals", "Court Results"), ann.topics());
        assertEquals(true, ann.embargoAccess());
    }

    @Test
    void rowsNumberAsInTheWholeFileWhenItIsSentInParts() {
        ContactImport.Report report = run("email,name,topics\nbroken,X,Appeals\n", 500);
        assertEquals(502, report.rejected().get(0).row());
    }

    @Test
    void rowsForOneAddressAreMergedAndRunningTheFileAgainChangesNothing() {
        String csv = """
                email,name,topics
                ann@paper.example,Ann Smith,Appeals
                ANN@paper.example,Ann Smith,Court Results
                """;
        ContactImport.Report first = run(csv, 0);
        assertEquals(1, first.created());
        assertEquals(Set.of("Appeals", "Court Results"), repository.findByEmail("ann@paper.example").orElseThrow().topics());
        ContactImport.Report again = run(csv, 0);
        assertEquals(0, again.created());
        assertEquals(1, again.unchanged());
    }

    @Test
    void anUnsubscribedContactStaysUnsubscribed() {
        run("email,name,topics\nann@paper.example,Ann Smith,Appeals\n", 0);
        MediaContact ann = repository.findByEmail("ann@paper.example").orElseThrow();
        repository.setStatus(ann.id(), ContactStatus.UNSUBSCRIBED);
        ContactImport.Report report = run("email,name,topics\nann@paper.example,Ann Smith,Community\n", 0);
        assertEquals(1, report.updated());
        MediaContact after = repository.find(ann.id()).orElseThrow();
        assertEquals(ContactStatus.UNSUBSCRIBED, after.status());
        assertEquals(Set.of("Appeals", "Community"), after.topics());
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedWhole() {
        var e = assertThrows(InvalidRequestException.class, () -> run("email,colour\nann@paper.example,red\n", 0));
        assertEquals(List.of("header", "header", "header"), e.errors().stream().map(f -> f.field()).toList());
        assertEquals(List.of(), repository.all());
    }

    @Test
    void aHeaderWithAMissingOrRepeatedNameIsAnUnreadableFileNotAnError() {
        for (String csv : new String[] {",\uDA62\uDCFA \u00b5@\u00ac\n", "email,name,email\na,b,c\n"}) {
            var e = assertThrows(InvalidRequestException.class, () -> run(csv, 0));
            assertTrue(List.of("file", "header").contains(e.errors().get(0).field()), csv);
        }
    }
}
