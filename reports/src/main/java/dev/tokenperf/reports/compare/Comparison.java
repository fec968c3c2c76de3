package dev.tokenperf.reports.compare;

import java.util.List;

/**
 * A candidate result against the base result.
 *
 * @param base                the base's label (its directory name)
 * @param candidate           the candidate's label
 * @param workloadDifferences how the workloads differ (empty when they match)
 * @param notes               what differs without changing the workload's specification (random seeds)
 * @param caveats             why a side's numbers may measure the load generator rather than the server
 *                            (a client-limited run); empty when there are none
 * @param alpha               the significance level used
 * @param minEffect           the smallest relative median shift called significant
 * @param rows                one row per metric
 */
public record Comparison(String base, String candidate, List<String> workloadDifferences, List<String> notes,
                         List<String> caveats,
                         double alpha, double minEffect, List<ComparisonRow> rows) {

    public Comparison {
        workloadDifferences = List.copyOf(workloadDifferences);
        notes = List.copyOf(notes);
        caveats = List.copyOf(caveats);
        rows = List.copyOf(rows);
    }

    /** The same comparison with only the rows of {@code tags}. */
    public Comparison only(java.util.Set<String> tags) {
        return new Comparison(base, candidate, workloadDifferences, notes, caveats, alpha, minEffect,
                rows.stream().filter(r -> tags.contains(r.tag())).toList());
    }
}
