package newsroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import newsroom.service.port.SiteBucket;

/** The site written to a local folder, one file an object, as a static site generator writes it. */
final class DirectoryBucket implements SiteBucket {
    private final Path root;
    /** Folders already made: a generator makes each once, not once a file (a failed mkdir and a stat). */
    private final java.util.Set<Path> folders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DirectoryBucket(Path root) {
        this.root = root;
    }

    @Override
    public void put(String key, byte[] content, String contentType, String cacheControl) {
        try {
            Path file = root.resolve(key);
            if (!folders.contains(file.getParent())) {
                Files.createDirectories(file.getParent());
                folders.add(file.getParent());
            }
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(root.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public java.util.Optional<byte[]> read(String key) {
        try {
            Path file = root.resolve(key);
            return Files.exists(file) ? java.util.Optional.of(Files.readAllBytes(file)) : java.util.Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(root.resolve(key));
    }

    @Override
    public java.util.List<String> keys(String prefix) {
        Path dir = root.resolve(prefix).getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix)).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
