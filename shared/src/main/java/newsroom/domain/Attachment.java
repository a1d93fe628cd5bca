package newsroom.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file that goes with a release (a report, a picture). Uploaded by the press office to the private
 * upload bucket; copied to the public site as a download when the release is published.
 */
public record Attachment(String id, String fileName, String contentType, long size, String description) {
    public static final long MAX_SIZE = 50L * 1024 * 1024;

    /** Allowed types and the name a reader sees for each. */
    private static final Map<String, String> TYPES = Map.of(
            "application/pdf", "PDF",
            "image/png", "PNG image",
            "image/jpeg", "JPEG image",
            "image/webp", "WebP image",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document",
            "application/vnd.oasis.opendocument.text", "OpenDocument text");

    /** The file name extensions each type may have: a file's name must say what it is. */
    private static final Map<String, Set<String>> EXTENSIONS = Map.of(
            "application/pdf", Set.of("pdf"),
            "image/png", Set.of("png"),
            "image/jpeg", Set.of("jpg", "jpeg"),
            "image/webp", Set.of("webp"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Set.of("docx"),
            "application/vnd.oasis.opendocument.text", Set.of("odt"));

    public static boolean allowedType(String contentType) {
        return contentType != null && TYPES.containsKey(contentType.toLowerCase(Locale.ROOT));
    }

    /** Whether the name's extension is one this type may have ("x.html" is never a PDF). */
    public static boolean extensionMatches(String fileName, String contentType) {
        Set<String> allowed = contentType == null ? null : EXTENSIONS.get(contentType.toLowerCase(Locale.ROOT));
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return allowed != null && dot >= 0 && allowed.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The extensions a type may have, for the message that refuses another. */
    public static Set<String> extensionsOf(String contentType) {
        return new TreeSet<>(EXTENSIONS.getOrDefault(contentType.toLowerCase(Locale.ROOT), Set.of()));
    }

    /**
     * How the site serves the file: pictures shown in place, documents downloaded under their own
     * name (the name is plain: letters, digits, spaces, dots, underscores and hyphens).
     */
    @JsonIgnore
    public String contentDisposition() {
        return (isImage() ? "inline" : "attachment") + "; filename=\"" + fileName + "\"";
    }

    public static Set<String> allowedTypes() {
        return new TreeSet<>(TYPES.keySet());
    }

    /** Where the file waits, in the private upload bucket, until publication. */
    public String uploadKey(String releaseId) {
        return "uploads/" + releaseId + "/" + id + "/" + fileName;
    }

    @JsonIgnore
    public boolean isImage() {
        return contentType.startsWith("image/");
    }

    /** "PDF, 1.2 MB": what a reader is told before downloading. */
    public String describeFile() {
        return Optional.ofNullable(TYPES.get(contentType)).orElse(contentType) + ", " + humanSize(size);
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return Math.max(1, Math.round(bytes / 1024.0)) + " KB";
        }
        return String.format(Locale.UK, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
