package newsroom.local.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import newsroom.local.LocalRuntime;
import newsroom.local.LocalTokens;
import newsroom.local.emulator.Emulator;

/** Starts the local runtime for a test class, on free ports, with a throw-away signing key. */
public final class LocalStack {
    private LocalStack() {
    }

    public static LocalRuntime start(Emulator emulator) {
        return start(emulator, Clock.systemUTC());
    }

    public static LocalRuntime start(Emulator emulator, Clock clock) {
        try {
            Path keyFile = Files.createTempDirectory("newsroom-test-key").resolve("key.json");
            LocalRuntime.Options defaults = LocalRuntime.Options.defaults();
            return LocalRuntime.start(emulator,
                    new LocalRuntime.Options(0, 0, clock, defaults.categories(), defaults.zone()),
                    LocalTokens.fromProjectKey(keyFile));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
