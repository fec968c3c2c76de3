package dev.tokenperf.reports.ledger;

import java.nio.file.Path;

/** A child process for {@link LedgerFileTest}: appends N rows named after its argument to a ledger. */
public final class LedgerAppender {
    private LedgerAppender() {
    }

    public static void main(String[] args) throws Exception {
        // a long error message makes each row span several file-system writes' worth of bytes
        String padding = "x".repeat(4096);
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            LedgerFile.append(Path.of(args[0]), LedgerFileTest.entry(args[1], null, padding + i));
        }
    }
}
