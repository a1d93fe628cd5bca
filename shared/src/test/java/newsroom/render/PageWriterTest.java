package newsroom.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PageWriterTest {
    @Test
    void writesTheBytesStringsEncoderWrites() {
        List<String> texts = List.of("", "plain ASCII <p>", "“quotes” — and £, é, ß", "emoji 🚓 and 𝄞",
                "lone high \uD83D then text", "lone low \uDE93 here", "high at the end \uD83D",
                "two highs \uD83D\uD83D\uDE93", "x".repeat(40_000) + "é",
                // Past the first buffer with runs of ASCII between wider characters.
                "é ab€ cd".repeat(3_000) + "🚓 x".repeat(3_000));
        for (String text : texts) {
            PageWriter out = new PageWriter();
            out.write(text);
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), out.toBytes(), text);
            assertEquals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), out.toString());
        }
    }

    /** Mustache writes a page in pieces; a pair of surrogates may be split between two of them. */
    @Test
    void piecesSplitAnywhereMakeTheSameBytes() {
        Random random = new Random(7);
        String alphabet = "ab<>&\"é€“🚓\uD83D\uDE93\uD800";
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String whole = text.toString();
            PageWriter out = new PageWriter();
            int at = 0;
            while (at < whole.length()) {
                int piece = Math.min(whole.length() - at, 1 + random.nextInt(round % 2 == 0 ? 5 : 40));
                switch (random.nextInt(3)) {
                    case 0 -> out.write(whole, at, piece);
                    case 1 -> out.write(whole.toCharArray(), at, piece);
                    default -> {
                        for (int i = at; i < at + piece; i++) {
                            out.write(whole.charAt(i));
                        }
                    }
                }
                at += piece;
            }
            assertArrayEquals(whole.getBytes(StandardCharsets.UTF_8), out.toBytes(), whole);
        }
    }

    @Test
    void aReusedWriterStartsEmptyAndIsNeverSharedByTwoPagesAtOnce() {
        PageWriter first = PageWriter.reused();
        first.write("first page \uD83D");
        PageWriter whileInUse = PageWriter.reused();
        assertNotSame(first, whileInUse, "a second page while the first is open gets a writer of its own");
        whileInUse.write("other");
        assertEquals("first page ?", first.toString());
        assertEquals("other", whileInUse.toString());
        PageWriter next = PageWriter.reused();
        assertSame(first, next, "once taken, the thread's writer is used again");
        next.write("é");
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), next.toBytes(), "nothing of the page before");
    }
}
