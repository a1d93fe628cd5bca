package newsroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

class EmulatorRequestsTest {

    @Test
    void anObjectIsCountedByItsFirstFolderAndItsFileName() {
        assertEquals("news/…/ninjs.json", EmulatorRequests.objectKind("news/2026/12/burst-3-14/ninjs.json"));
        assertEquals("sitemaps/sitemap-….xml", EmulatorRequests.objectKind("sitemaps/sitemap-2026.xml"));
        assertEquals("sitemap.xml", EmulatorRequests.objectKind("sitemap.xml"));
    }

    @Test
    void aTransactionsConditionIsCountedByItsWriteAndPartition() {
        TransactWriteItem claim = TransactWriteItem.builder().put(p -> p.tableName("t")
                .item(Map.of("PK", AttributeValue.fromS("SLUG#burst-23-103"), "SK", AttributeValue.fromS("SLUG")))
                .conditionExpression("attribute_not_exists(PK)")).build();
        TransactWriteItem clear = TransactWriteItem.builder().delete(d -> d.tableName("t")
                .key(Map.of("PK", AttributeValue.fromS("SITE#RENDER"), "SK", AttributeValue.fromS("month:2026-12")))
                .conditionExpression("#v = :v")).build();
        TransactWriteItem unconditional = TransactWriteItem.builder().put(p -> p.tableName("t")
                .item(Map.of("PK", AttributeValue.fromS("RELEASE#0b5e8f0c-6a3e-4a51-9a0e-3f1f2d9b7c11"),
                        "SK", AttributeValue.fromS("RELEASE")))).build();

        assertEquals(Optional.of("Put SLUG#…"), EmulatorRequests.conditionOf(claim));
        assertEquals(Optional.of("Delete SITE#RENDER"), EmulatorRequests.conditionOf(clear));
        assertEquals(Optional.empty(), EmulatorRequests.conditionOf(unconditional));
    }
}
