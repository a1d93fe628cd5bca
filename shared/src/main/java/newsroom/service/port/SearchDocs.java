package newsroom.service.port;

import java.util.List;
import java.util.Optional;

/** The search index's numbering of releases, and which shards each release is in. */
public interface SearchDocs {

    /** A release as the index knows it: its number, and the shards its words are in. */
    record Doc(String releaseId, int number, List<String> shards) {
        public Doc {
            shards = List.copyOf(shards);
        }
    }

    Optional<Doc> find(String releaseId);

    /** A number no release has had (numbers only grow, so newer releases have higher ones). */
    int next();

    void save(Doc doc);

    /** Forgets every release (before a full rebuild of the index). */
    void clear();
}
