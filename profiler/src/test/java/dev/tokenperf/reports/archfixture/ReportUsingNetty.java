package dev.tokenperf.reports.archfixture;

import io.netty.buffer.ByteBuf;

/** Breaks the architecture on purpose (test-only): a reports class that reads a Netty buffer. */
public final class ReportUsingNetty {
    int readable(ByteBuf buffer) {
        return buffer.readableBytes();
    }
}
