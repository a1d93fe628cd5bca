package newsroom.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The single table's key schema. Every item has PK and SK; three generic indexes serve the access
 * patterns in the README ("Data"). Times in keys are fixed-width UTC so that they sort as text.
 */
public final class Table {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    public static final String GSI3 = "GSI3";
    public static final String GSI3PK = "GSI3PK";
    public static final String GSI3SK = "GSI3SK";
    /** Every release, most recently changed first: the press office's own list. */
    public static final String GSI4 = "GSI4";
    public static final String GSI4PK = "GSI4PK";
    public static final String GSI4SK = "GSI4SK";
    /** Epoch seconds after which DynamoDB's TTL may delete the item. */
    public static final String EXPIRES_AT = "expiresAt";
    /** What kind of item this is; stream consumers and filters look at it. */
    public static final String ENTITY = "entity";

    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Table() {
    }

    public static String time(Instant instant) {
        return KEY_TIME.format(instant);
    }

    public static Instant parseTime(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
