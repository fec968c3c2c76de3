package dev.tokenperf.reports.ledger;

/** A ledger file tokenperf does not understand or may not change; the message names the file and column. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }
}
