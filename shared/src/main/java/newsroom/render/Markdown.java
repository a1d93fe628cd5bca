package newsroom.render;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Release bodies from Markdown to safe HTML: raw HTML in the text is escaped, never passed
 * through; link and image URLs are limited to http, https and mailto (or relative); the body's
 * top heading level becomes h2 (keeping the order beneath it) because the page's one h1 is the
 * release title. Images in the body become links to the picture (pictures are attachments).
 */
public final class Markdown {
    private static final List<String> ALLOWED_PROTOCOLS = List.of("http", "https", "mailto");

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(ALLOWED_PROTOCOLS))
            // Sanitising adds rel="nofollow"; these are the press office's own links, so it goes.
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) {
                    attributes.remove("rel");
                }
            })
            .build();

    public String toHtml(String markdown) {
        Node document = parser.parse(markdown == null ? "" : markdown);
        List<Heading> headings = new ArrayList<>();
        // Pictures come as attachments, with alt text the press office must write; an image in the
        // body would load from anywhere and often has none, so it becomes a link to the picture.
        List<Image> images = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headings.add(heading);
                visitChildren(heading);
            }

            @Override
            public void visit(Image image) {
                images.add(image);
            }
        });
        for (Image image : images) {
            if (insideLink(image)) {
                // [![Logo](…)](…): the outer link stays; the picture becomes its alt text (no <a> in an <a>).
                Node child = image.getFirstChild();
                while (child != null) {
                    Node next = child.getNext();
                    image.insertBefore(child);
                    child = next;
                }
                image.unlink();
                continue;
            }
            Link link = new Link(image.getDestination(), image.getTitle());
            Node child = image.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                link.appendChild(child);
                child = next;
            }
            image.insertBefore(link);
            image.unlink();
        }
        int top = headings.stream().mapToInt(Heading::getLevel).min().orElse(2);
        int shift = Math.max(0, 2 - top);
        headings.forEach(h -> h.setLevel(Math.min(6, h.getLevel() + shift)));
        return renderer.render(document);
    }

    private static boolean insideLink(Node node) {
        for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof Link) {
                return true;
            }
        }
        return false;
    }

    /** Plain text for emails and feeds: the Markdown source, which reads well as it is. */
    public static String toText(String markdown) {
        return markdown == null ? "" : markdown.strip();
    }
}
