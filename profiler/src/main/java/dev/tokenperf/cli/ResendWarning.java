package dev.tokenperf.cli;

import dev.tokenperf.reports.summary.RunSummary;

import java.util.Locale;
import java.util.Optional;

/**
 * The console's line about resent attempts: a note when there were a few, a warning naming the likely cause
 * when they exceed {@value #WARN_PERCENT}% of the requests, because a server that resets requests could then be
 * hiding failures behind resends.
 */
final class ResendWarning {
    static final double WARN_PERCENT = 1.0;

    private ResendWarning() {
    }

    static Optional<String> line(RunSummary summary) {
        long resent = summary.resentCount();
        if (resent == 0) {
            return Optional.empty();
        }
        long requests = summary.result().measuredRecords().size() - resent;
        double percent = requests == 0 ? 100 : 100.0 * resent / requests;
        String counted = String.format(Locale.US, "%d attempt(s) resent on a fresh connection (%.1f%% of %d "
                + "requests; each is in profile_export.jsonl as 'resent' with its reason)", resent, percent, requests);
        if (percent <= WARN_PERCENT) {
            return Optional.of(counted);
        }
        return Optional.of("warning: " + counted + ": the server (or a proxy before it) closes connections "
                + "right after taking a request, e.g. it closes kept-alive connections after each response or resets "
                + "requests it cannot serve; the server may have received more requests than were measured");
    }
}
