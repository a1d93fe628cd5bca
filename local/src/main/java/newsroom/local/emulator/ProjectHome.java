package newsroom.local.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's top folder (where template.yaml is), for its local state under .newsroom/. */
public final class ProjectHome {
    private ProjectHome() {
    }

    public static Path find() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return start;
    }

    /** Local state that is never committed: the emulator's venv, its logs, the dev signing key. */
    public static Path stateDir() {
        return find().resolve(".newsroom");
    }
}
