package newsroom.local.support;

import java.time.Clock;
import newsroom.local.LocalRuntime;
import newsroom.local.LocalTokens;
import newsroom.local.emulator.Emulator;

/** Starts the local runtime for a test class, on free ports, with a throw-away signing key (in memory). */
public final class LocalStack {
    private LocalStack() {
    }

    public static LocalRuntime start(Emulator emulator) {
        return start(emulator, Clock.systemUTC());
    }

    public static LocalRuntime start(Emulator emulator, Clock clock) {
        return start(emulator, LocalRuntime.Options.defaults().withClock(clock));
    }

    /** With these options, on free ports. */
    public static LocalRuntime start(Emulator emulator, LocalRuntime.Options options) {
        return LocalRuntime.start(emulator, options.withPorts(0, 0), LocalTokens.throwaway());
    }
}
