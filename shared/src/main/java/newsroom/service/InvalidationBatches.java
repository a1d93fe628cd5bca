package newsroom.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Many queued invalidations become few CloudFront requests: the paths of a whole batch of
 * messages, each path once, in requests of at most {@link #MAX_PATHS} (CloudFront's limit for one
 * request). In a burst of publishes every release and every list would otherwise be its own
 * request, and CloudFront allows only so many paths in progress at once.
 */
public final class InvalidationBatches {
    /** CloudFront takes at most 3,000 paths in one invalidation request. */
    public static final int MAX_PATHS = 3000;

    /** One queued message: its id, and the paths it asks for. */
    public record Queued(String messageId, List<String> paths) {
    }

    /** One CloudFront request, and the messages whose paths it carries (they fail with it). */
    public record Request(String reference, List<String> paths, Set<String> messageIds) {
    }

    private InvalidationBatches() {
    }

    /**
     * The requests for these messages, in order. The reference is derived from the messages, so a
     * batch Lambda hands over again after a failure asks for the same invalidation again, which
     * CloudFront takes as the one it already has.
     */
    public static List<Request> plan(List<Queued> messages) {
        List<Request> requests = new ArrayList<>();
        LinkedHashSet<String> paths = new LinkedHashSet<>();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (Queued message : messages) {
            for (String path : message.paths()) {
                if (paths.contains(path)) {
                    ids.add(message.messageId());
                    continue;
                }
                if (paths.size() == MAX_PATHS) {
                    requests.add(request(paths, ids));
                    paths = new LinkedHashSet<>();
                    ids = new LinkedHashSet<>();
                }
                paths.add(path);
                ids.add(message.messageId());
            }
        }
        if (!paths.isEmpty()) {
            requests.add(request(paths, ids));
        }
        return requests;
    }

    private static Request request(Set<String> paths, Set<String> ids) {
        return new Request("batch-" + digest(ids), List.copyOf(paths), Collections.unmodifiableSet(new LinkedHashSet<>(ids)));
    }

    private static String digest(Set<String> ids) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String id : ids) {
                sha.update(id.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
