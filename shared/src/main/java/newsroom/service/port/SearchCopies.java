package newsroom.service.port;

import java.util.Collection;
import java.util.Map;

/**
 * The search index's writer's own copies of the files it reads before each change (the
 * dictionaries, the postings, the facets), kept by name, each with the hash of the file it copies.
 * Why: a change reads one dictionary per prefix and one postings file per word of its releases,
 * a hundred files or more a file at a time; the copies of all of them come in a few requests,
 * at once. A copy is used only when its hash is the one the index names for that file, so the
 * files stay the truth: a copy missing, stale or left by a crash costs only a read of the file.
 */
public interface SearchCopies {

    /** A file's bytes and the hash its name carries. */
    record Copy(String hash, byte[] json) {
    }

    /** The copies kept for these names (a name with none is left out). */
    Map<String, Copy> readAll(Collection<String> names);

    /** Keeps these copies, each replacing the one before. */
    void writeAll(Map<String, Copy> copies);

    /** No copies: every file is read (a site or test that does not keep them). */
    SearchCopies NONE = new SearchCopies() {
        @Override
        public Map<String, Copy> readAll(Collection<String> names) {
            return Map.of();
        }

        @Override
        public void writeAll(Map<String, Copy> copies) {
        }
    };
}
