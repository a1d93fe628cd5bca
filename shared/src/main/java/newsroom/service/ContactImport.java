package newsroom.service;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import newsroom.domain.ContactDraft;
import newsroom.domain.ContactRules;
import newsroom.domain.EmailTakenException;
import newsroom.domain.FieldError;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.MediaContact;
import newsroom.service.port.ContactRepository;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports a media list from CSV. Every row is checked; bad rows are reported (row number, field,
 * reason) and not imported; rows for the same address (in the file, or already on the list) are
 * merged, their topics joined; a contact who unsubscribed, bounced or complained stays so. Running
 * the same file again changes nothing.
 *
 * <p>Columns (a header row names them; only email, name and topics are required):
 * {@code email, name, outlet, role, topics, embargoAccess, consentSource}; topics are separated by
 * semicolons, "*" for all; embargoAccess is true or false.
 */
public final class ContactImport {
    public static final List<String> COLUMNS =
            List.of("email", "name", "outlet", "role", "topics", "embargoAccess", "consentSource");
    public static final int MAX_ROWS = 50_000;

    /** One rejected row: its number in the file (the header is row 1) and what is wrong. */
    public record RowError(long row, List<FieldError> errors) {
    }

    /** What an import did. */
    public record Report(long rows, int created, int updated, int unchanged, List<RowError> rejected) {
    }

    private final ContactRepository contacts;
    private final ContactService service;

    public ContactImport(ContactRepository contacts, ContactService service) {
        this.contacts = contacts;
        this.service = service;
    }

    /**
     * @param rowOffset data rows that came before this part of the file (0 for a whole file)
     * @throws InvalidRequestException when the file itself cannot be read as CSV with the columns
     */
    public Report importCsv(Reader csv, long rowOffset) {
        Map<String, ContactRules.Checked> merged = new LinkedHashMap<>();
        List<RowError> rejected = new ArrayList<>();
        long rows = 0;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(csv)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.strip()).toList();
            List<FieldError> headerErrors = new ArrayList<>();
            for (String name : header) {
                if (!COLUMNS.contains(name)) {
                    headerErrors.add(new FieldError("header", "unknown column \"" + name + "\"; columns are " + COLUMNS));
                }
            }
            for (String required : List.of("email", "name", "topics")) {
                if (!header.contains(required)) {
                    headerErrors.add(new FieldError("header", "the column \"" + required + "\" is required"));
                }
            }
            if (!headerErrors.isEmpty()) {
                throw new InvalidRequestException(headerErrors);
            }
            for (CSVRecord record : parser) {
                rows++;
                if (rows > MAX_ROWS) {
                    throw new InvalidRequestException(List.of(new FieldError("file",
                            "has more than " + MAX_ROWS + " rows; send it in parts")));
                }
                // Row 1 is the header, so the first record is row 2.
                long rowNumber = 1 + rowOffset + record.getRecordNumber();
                try {
                    ContactRules.Checked checked = service.rules().check(draft(record));
                    merged.merge(checked.email(), checked, ContactImport::merge);
                } catch (InvalidRequestException e) {
                    rejected.add(new RowError(rowNumber, e.errors()));
                } catch (IllegalArgumentException e) {
                    rejected.add(new RowError(rowNumber, List.of(new FieldError("row", e.getMessage()))));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // commons-csv refuses a header with a missing or repeated name with IllegalArgumentException.
            throw new InvalidRequestException(List.of(new FieldError("file", "is not readable CSV: " + e.getMessage())));
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (ContactRules.Checked row : merged.values()) {
            var existing = contacts.findByEmail(row.email());
            if (existing.isEmpty()) {
                try {
                    service.create(row);
                    created++;
                    continue;
                } catch (EmailTakenException raced) {
                    existing = contacts.findByEmail(row.email());
                }
            }
            MediaContact current = existing.orElseThrow();
            ContactRules.Checked combined = new ContactRules.Checked(current.email(), row.name(),
                    row.outlet() == null ? current.outlet() : row.outlet(),
                    row.role() == null ? current.role() : row.role(),
                    union(current.topics(), row.topics()),
                    row.embargoAccess() || current.embargoAccess(), current.status(),
                    current.consentSource());
            if (sameAs(current, combined)) {
                unchanged++;
            } else {
                service.update(current, combined, false);
                updated++;
            }
        }
        return new Report(rows, created, updated, unchanged, rejected);
    }

    private static ContactDraft draft(CSVRecord record) {
        String topics = value(record, "topics");
        String embargo = value(record, "embargoAccess");
        Boolean embargoAccess = null;
        if (embargo != null) {
            if (!embargo.equalsIgnoreCase("true") && !embargo.equalsIgnoreCase("false")) {
                throw new InvalidRequestException(List.of(new FieldError("embargoAccess", "must be true or false")));
            }
            embargoAccess = Boolean.parseBoolean(embargo.toLowerCase(Locale.ROOT));
        }
        return new ContactDraft(value(record, "email"), value(record, "name"), value(record, "outlet"),
                value(record, "role"),
                topics == null ? List.of() : Arrays.stream(topics.split(";")).map(String::strip)
                        .filter(t -> !t.isEmpty()).toList(),
                embargoAccess, null, value(record, "consentSource"));
    }

    private static String value(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ContactRules.Checked merge(ContactRules.Checked first, ContactRules.Checked second) {
        return new ContactRules.Checked(first.email(), second.name(),
                second.outlet() == null ? first.outlet() : second.outlet(),
                second.role() == null ? first.role() : second.role(),
                union(first.topics(), second.topics()), first.embargoAccess() || second.embargoAccess(),
                first.status(), first.consentSource());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean sameAs(MediaContact current, ContactRules.Checked row) {
        return current.name().equals(row.name()) && Objects.equals(current.outlet(), row.outlet())
                && Objects.equals(current.role(), row.role()) && current.topics().equals(row.topics())
                && current.embargoAccess() == row.embargoAccess();
    }
}
