package newsroom.local.emulator;

import java.util.List;

/** One email as the emulator recorded it. Custom headers are not kept by MiniStack. */
public record SentEmail(String messageId, String from, List<String> to, String subject, String html, String text) {
}
