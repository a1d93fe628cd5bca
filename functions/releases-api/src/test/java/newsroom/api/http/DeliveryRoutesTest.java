package newsroom.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The delivery export's cells. Pure. */
class DeliveryRoutesTest {

    @Test
    void aCellNeverStartsAFormula() {
        assertEquals("'=HYPERLINK(\"x\")", DeliveryRoutes.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", DeliveryRoutes.cell("+1"));
        assertEquals("'@sum", DeliveryRoutes.cell("@sum"));
        assertEquals("ann@paper.example", DeliveryRoutes.cell("ann@paper.example"));
        assertEquals("", DeliveryRoutes.cell(null));
    }
}
