package newsroom.store;

import static newsroom.store.Items.putIfPresent;
import static newsroom.store.Items.s;
import static newsroom.store.Items.string;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.domain.Attachment;
import newsroom.domain.ContactBlock;
import newsroom.domain.HeroImage;
import newsroom.domain.Release;
import newsroom.domain.ReleaseChange;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Withdrawal;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Release ↔ DynamoDB item, including the index keys that place it in lists and archives. */
public final class ReleaseMapper {
    public static final String ENTITY = "Release";
    public static final String SK_VALUE = "RELEASE";

    static final String ID = "id";
    static final String SLUG = "slug";
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    static final String CATEGORY = "category";
    static final String TAGS = "tags";
    static final String CONTACT = "contact";
    static final String CONTACT_NAME = "name";
    static final String CONTACT_PHONE = "phone";
    static final String CONTACT_EMAIL = "email";
    static final String STATUS = "status";
    static final String AUTHOR = "author";
    static final String EDITED_BY = "editedBy";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String PUBLISHED_AT = "publishedAt";
    static final String EMBARGO_UNTIL = "embargoUntil";
    static final String VERSION = "version";
    static final String HERO_IMAGE = "heroImage";
    static final String HERO_FILE = "fileName";
    static final String HERO_ALT = "alt";
    static final String ATTACHMENTS = "attachments";
    static final String ATTACHMENT_ID = "id";
    static final String ATTACHMENT_FILE = "fileName";
    static final String ATTACHMENT_TYPE = "contentType";
    static final String ATTACHMENT_SIZE = "size";
    static final String ATTACHMENT_DESCRIPTION = "description";
    static final String CHANGES = "changes";
    static final String CHANGE_AT = "at";
    static final String CHANGE_NOTE = "note";
    static final String CHANGE_TYPE = "type";
    static final String WITHDRAWAL = "withdrawal";
    static final String WITHDRAWAL_AT = "at";
    static final String WITHDRAWAL_REASON = "reason";
    static final String WITHDRAWAL_WAS_PUBLIC = "wasPublic";

    static final String ALL_RELEASES = "RELEASES";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final ZoneId zone;

    public ReleaseMapper(ZoneId zone) {
        this.zone = zone;
    }

    public static Map<String, AttributeValue> key(String releaseId) {
        return Map.of(Table.PK, s(pk(releaseId)), Table.SK, s(SK_VALUE));
    }

    static String pk(String releaseId) {
        return "RELEASE#" + releaseId;
    }

    static String statusKey(ReleaseStatus status) {
        return "STATUS#" + status;
    }

    static String monthKey(String yearMonth) {
        return "MONTH#" + yearMonth;
    }

    static String categoryKey(String category) {
        return "CATEGORY#" + category;
    }

    public Map<String, AttributeValue> toItem(Release r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(pk(r.id())));
        item.put(Table.SK, s(SK_VALUE));
        item.put(Table.ENTITY, s(ENTITY));
        item.put(ID, s(r.id()));
        item.put(SLUG, s(r.slug()));
        putIfPresent(item, TITLE, r.title());
        putIfPresent(item, SUMMARY, r.summary());
        putIfPresent(item, BODY, r.body());
        putIfPresent(item, CATEGORY, r.category());
        item.put(TAGS, Items.list(r.tags()));
        if (r.contact() != null) {
            Map<String, AttributeValue> contact = new HashMap<>();
            putIfPresent(contact, CONTACT_NAME, r.contact().name());
            putIfPresent(contact, CONTACT_PHONE, r.contact().phone());
            putIfPresent(contact, CONTACT_EMAIL, r.contact().email());
            item.put(CONTACT, AttributeValue.fromM(contact));
        }
        if (r.heroImage() != null) {
            Map<String, AttributeValue> hero = new HashMap<>();
            putIfPresent(hero, HERO_FILE, r.heroImage().fileName());
            putIfPresent(hero, HERO_ALT, r.heroImage().alt());
            item.put(HERO_IMAGE, AttributeValue.fromM(hero));
        }
        item.put(ATTACHMENTS, AttributeValue.fromL(r.attachments().stream().map(a -> {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put(ATTACHMENT_ID, s(a.id()));
            m.put(ATTACHMENT_FILE, s(a.fileName()));
            m.put(ATTACHMENT_TYPE, s(a.contentType()));
            m.put(ATTACHMENT_SIZE, Items.n(a.size()));
            putIfPresent(m, ATTACHMENT_DESCRIPTION, a.description());
            return AttributeValue.fromM(m);
        }).toList()));
        item.put(CHANGES, AttributeValue.fromL(r.changes().stream().map(c -> AttributeValue.fromM(Map.of(
                CHANGE_AT, s(Table.time(c.at())),
                CHANGE_NOTE, s(c.note()),
                CHANGE_TYPE, s(c.type().name())))).toList()));
        if (r.withdrawal() != null) {
            Map<String, AttributeValue> withdrawal = new HashMap<>(Map.of(
                    WITHDRAWAL_AT, s(Table.time(r.withdrawal().at())),
                    WITHDRAWAL_REASON, s(r.withdrawal().reason())));
            if (r.withdrawal().wasPublic() != null) {
                withdrawal.put(WITHDRAWAL_WAS_PUBLIC, AttributeValue.fromBool(r.withdrawal().wasPublic()));
            }
            item.put(WITHDRAWAL, AttributeValue.fromM(withdrawal));
        }
        item.put(STATUS, s(r.status().name()));
        putIfPresent(item, AUTHOR, r.author());
        putIfPresent(item, EDITED_BY, r.editedBy());
        putTime(item, CREATED_AT, r.createdAt());
        putTime(item, UPDATED_AT, r.updatedAt());
        putTime(item, PUBLISHED_AT, r.publishedAt());
        putTime(item, EMBARGO_UNTIL, r.embargoUntil());
        item.put(VERSION, Items.n(r.version()));
        putIndexKeys(item, r);
        return item;
    }

    /** Index keys: by status and time (lists, due embargoes), and for published ones by month and category. */
    private void putIndexKeys(Map<String, AttributeValue> item, Release r) {
        Instant when = switch (r.status()) {
            case PUBLISHED -> r.publishedAt();
            case SCHEDULED -> r.embargoUntil();
            default -> r.updatedAt();
        };
        String sortKey = Table.time(when) + "#" + r.id();
        item.put(Table.GSI1PK, s(statusKey(r.status())));
        item.put(Table.GSI1SK, s(sortKey));
        item.put(Table.GSI4PK, s(ALL_RELEASES));
        item.put(Table.GSI4SK, s(Table.time(r.updatedAt()) + "#" + r.id()));
        if (r.status() == ReleaseStatus.PUBLISHED) {
            item.put(Table.GSI2PK, s(monthKey(MONTH.format(r.publishedAt().atZone(zone)))));
            item.put(Table.GSI2SK, s(sortKey));
            item.put(Table.GSI3PK, s(categoryKey(r.category())));
            item.put(Table.GSI3SK, s(sortKey));
        }
    }

    public Release fromItem(Map<String, AttributeValue> item) {
        ContactBlock contact = null;
        AttributeValue c = item.get(CONTACT);
        if (c != null && c.hasM()) {
            contact = new ContactBlock(string(c.m(), CONTACT_NAME), string(c.m(), CONTACT_PHONE),
                    string(c.m(), CONTACT_EMAIL));
        }
        HeroImage hero = null;
        AttributeValue h = item.get(HERO_IMAGE);
        if (h != null && h.hasM()) {
            hero = new HeroImage(string(h.m(), HERO_FILE), string(h.m(), HERO_ALT));
        }
        List<Attachment> attachments = maps(item, ATTACHMENTS).stream().map(m -> new Attachment(
                string(m, ATTACHMENT_ID), string(m, ATTACHMENT_FILE), string(m, ATTACHMENT_TYPE),
                Items.number(m, ATTACHMENT_SIZE), string(m, ATTACHMENT_DESCRIPTION))).toList();
        List<ReleaseChange> changes = maps(item, CHANGES).stream().map(m -> new ReleaseChange(
                Table.parseTime(string(m, CHANGE_AT)), string(m, CHANGE_NOTE),
                ReleaseChange.ChangeType.valueOf(string(m, CHANGE_TYPE)))).toList();
        Withdrawal withdrawal = null;
        AttributeValue w = item.get(WITHDRAWAL);
        if (w != null && w.hasM()) {
            AttributeValue wasPublic = w.m().get(WITHDRAWAL_WAS_PUBLIC);
            withdrawal = new Withdrawal(Table.parseTime(string(w.m(), WITHDRAWAL_AT)), string(w.m(), WITHDRAWAL_REASON),
                    wasPublic == null ? null : wasPublic.bool());
        }
        return new Release(
                string(item, ID),
                string(item, SLUG),
                string(item, TITLE),
                string(item, SUMMARY),
                string(item, BODY),
                string(item, CATEGORY),
                Items.strings(item, TAGS),
                contact,
                hero,
                attachments,
                ReleaseStatus.valueOf(string(item, STATUS)),
                string(item, AUTHOR),
                Table.parseTime(string(item, CREATED_AT)),
                Table.parseTime(string(item, UPDATED_AT)),
                Table.parseTime(string(item, PUBLISHED_AT)),
                Table.parseTime(string(item, EMBARGO_UNTIL)),
                changes,
                withdrawal,
                Items.number(item, VERSION),
                // Releases saved before editors were recorded: last changed by their author, as far as anyone knows.
                item.containsKey(EDITED_BY) ? string(item, EDITED_BY) : string(item, AUTHOR));
    }

    private static List<Map<String, AttributeValue>> maps(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().filter(AttributeValue::hasM)
                .map(AttributeValue::m).toList();
    }

    /** Whether a stream image or item is a release (and not a slug claim, delivery, contact...). */
    public static boolean isRelease(Map<String, AttributeValue> item) {
        return item != null && ENTITY.equals(string(item, Table.ENTITY));
    }

    private static void putTime(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, s(Table.time(value)));
        }
    }
}
