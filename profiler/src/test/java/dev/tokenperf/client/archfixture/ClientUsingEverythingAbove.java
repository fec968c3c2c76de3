package dev.tokenperf.client.archfixture;

import dev.tokenperf.cli.Main;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.load.ClosedLoopDriver;
import dev.tokenperf.profile.ProfileRunner;

/** Breaks the architecture on purpose (test-only): a client class that knows the CLI, load, profile, emulator. */
public final class ClientUsingEverythingAbove {
    String describe(Main main, ClosedLoopDriver driver, ProfileRunner runner, EmulatorServer emulator) {
        return main + " " + driver + " " + runner + " " + emulator;
    }
}
