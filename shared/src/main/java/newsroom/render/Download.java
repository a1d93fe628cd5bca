package newsroom.render;

/** An attachment as the public gets it: its URL on the site and "PDF, 1.2 MB". */
public record Download(String fileName, String url, String contentType, String fileDescription, String description) {
}
