package dev.tokenperf.transport.archfixture;

import dev.tokenperf.emulator.EmulatorServer;

/** Breaks the architecture on purpose (test-only): shared transport code that knows one side of the wire. */
public final class TransportUsingEmulator {
    String describe(EmulatorServer emulator) {
        return emulator.toString();
    }
}
