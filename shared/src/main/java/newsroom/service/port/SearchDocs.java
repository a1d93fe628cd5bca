package newsroom.service.port;

import java.util.List;
import java.util.Optional;

/** The search index's numbering of releases, and the words each release is indexed under. */
public interface SearchDocs {

    /** A release as the index knows it: its number, and its words (none once it has left the index). */
    record Doc(String releaseId, int number, List<String> terms) {
        public Doc {
            terms = List.copyOf(terms);
        }
    }

    Optional<Doc> find(String releaseId);

    /** {@link #find} for many releases, in as few requests as the store allows; a release never indexed is left out. */
    default java.util.Map<String, Doc> findAll(java.util.Collection<String> releaseIds) {
        java.util.Map<String, Doc> found = new java.util.HashMap<>();
        releaseIds.forEach(id -> find(id).ifPresent(doc -> found.put(id, doc)));
        return found;
    }

    /** A number no release has had (numbers only grow, so newer releases have higher ones). */
    int next();

    /**
     * The first of {@code count} consecutive numbers no release has had: a batch of releases
     * numbered with one request. This default asks one at a time, which is consecutive only when
     * nothing else asks meanwhile (the in-memory fakes); the table's takes the block at once.
     */
    default int next(int count) {
        int first = next();
        for (int i = 1; i < count; i++) {
            next();
        }
        return first;
    }

    void save(Doc doc);

    /** {@link #save} for many releases (each once), in as few requests as the store allows. */
    default void saveAll(List<Doc> docs) {
        docs.forEach(this::save);
    }

    /** Every release's number (a rebuild keeps them, so its files are the same when nothing changed). */
    java.util.Map<String, Integer> numbers();

    /** Forgets every release (before a full rebuild of the index). */
    void clear();
}
