package dev.tokenperf.emulator.archfixture;

import dev.tokenperf.client.NettyClient;

/** Breaks the architecture on purpose (test-only): an emulator class that knows the client. */
public final class EmulatorUsingClient {
    String describe(NettyClient client) {
        return client.toString();
    }
}
