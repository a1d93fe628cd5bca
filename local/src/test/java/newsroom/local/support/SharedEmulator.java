package newsroom.local.support;

import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.Emulators;

/**
 * One emulator for the whole test run (starting MiniStack costs seconds); each test class resets
 * it first, so classes never see each other's data. Stopped when the test JVM exits.
 */
public final class SharedEmulator {
    private static Emulator emulator;

    private SharedEmulator() {
    }

    public static synchronized Emulator get() {
        if (emulator == null) {
            emulator = Emulators.start();
            Emulator started = emulator;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return emulator;
    }

    /** The emulator, wiped clean for a new test class. */
    public static Emulator fresh() {
        Emulator e = get();
        e.reset();
        return e;
    }
}
