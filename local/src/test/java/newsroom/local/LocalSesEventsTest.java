package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tags an email carries through the emulator, which keeps its body but not its tags. */
class LocalSesEventsTest {

    @Test
    void tagsSurviveTheBodyAndCannotEndTheComment() {
        Map<String, String> tags = Map.of("release", "a--b-c", "contact", "x&y=z", "kind", "UPDATED#2 é");
        String html = LocalSesEvents.withTags("<p>Body</p>", tags);
        assertTrue(html.startsWith("<p>Body</p>"));
        String comment = html.substring(html.indexOf("<!--") + 4, html.lastIndexOf("-->"));
        assertFalse(comment.contains("--"), "the comment stays one comment: " + comment);
        assertEquals(tags, LocalSesEvents.tagsIn(html));
    }

    @Test
    void anEmailWithoutTagsHasNone() {
        assertEquals(Map.of(), LocalSesEvents.tagsIn("<p>Confirm your subscription</p>"));
        assertEquals(Map.of(), LocalSesEvents.tagsIn(null));
    }
}
