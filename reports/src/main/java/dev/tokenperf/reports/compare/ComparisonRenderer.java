package dev.tokenperf.reports.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tokenperf.reports.json.JsonNumbers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders comparisons as a console table, Markdown (for a pull-request comment) or JSON. Pure: returns text. */
public final class ComparisonRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The table's columns, in every format: one row per metric. */
    public static final List<String> HEADERS = List.of("Metric", "Stat", "Base", "Candidate", "Delta %",
            "p90 Delta %", "p99 Delta %", "avg Delta %", "Change", "Significance");
    private static final int LEFT_FROM = 8;

    private ComparisonRenderer() {
    }

    public static String console(List<Comparison> comparisons) {
        StringBuilder out = new StringBuilder();
        for (Comparison c : comparisons) {
            out.append(title(c)).append('\n');
            List<String[]> cells = cells(c);
            int[] widths = new int[HEADERS.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = HEADERS.get(i).length();
                for (String[] row : cells) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            appendConsoleRow(out, HEADERS.toArray(String[]::new), widths);
            int total = 0;
            for (int w : widths) {
                total += w + 2;
            }
            out.append("-".repeat(total - 2)).append('\n');
            for (String[] row : cells) {
                appendConsoleRow(out, row, widths);
            }
            appendNotes(out, c, "");
            out.append('\n');
        }
        return out.toString();
    }

    public static String markdown(List<Comparison> comparisons) {
        StringBuilder out = new StringBuilder();
        for (Comparison c : comparisons) {
            out.append("### ").append(title(c)).append("\n\n");
            out.append('|').append(String.join("|", HEADERS)).append("|\n");
            out.append("|---|---|--:|--:|--:|--:|--:|--:|---|---|\n");
            for (String[] row : cells(c)) {
                out.append('|').append(String.join("|", row)).append("|\n");
            }
            out.append('\n');
            appendNotes(out, c, "> ");
            out.append('\n');
        }
        return out.toString();
    }

    public static String json(List<Comparison> comparisons) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Comparison c : comparisons) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("base", c.base());
            m.put("candidate", c.candidate());
            m.put("workload_differences", c.workloadDifferences());
            m.put("notes", c.notes());
            m.put("caveats", c.caveats());
            m.put("alpha", c.alpha());
            m.put("min_effect", c.minEffect());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ComparisonRow r : c.rows()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("metric", r.tag());
                row.put("unit", r.unit());
                Map<String, Object> stats = new LinkedHashMap<>();
                for (ComparisonRow.StatDelta d : r.stats()) {
                    Map<String, Object> stat = new LinkedHashMap<>();
                    stat.put("base", d.base());
                    stat.put("candidate", d.candidate());
                    stat.put("absolute_delta", d.absoluteDelta());
                    stat.put("relative_delta", JsonNumbers.nanAsNull(d.relativeDelta()));
                    stats.put(d.stat(), stat);
                }
                row.put("stats", stats);
                row.put("change", r.change());
                row.put("significance", significance(r.significance()));
                rows.add(row);
            }
            m.put("metrics", rows);
            list.add(m);
        }
        try {
            return MAPPER.writeValueAsString(Map.of("comparisons", list)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the comparison as JSON", e);
        }
    }

    private static Map<String, Object> significance(Significance s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", s.test());
        m.put("p_value", s.pValue());
        List<Double> shift = Double.isNaN(s.shiftLow()) ? null : List.of(s.shiftLow(), s.shiftHigh());
        if (s.acrossRuns()) {
            m.put("mean_shift_ci", shift);
        } else {
            m.put("effect_size_cliffs_delta", s.effectSize());
            m.put("median_shift_ci95", shift);
        }
        m.put("significant", s.significant());
        return m;
    }

    private static String title(Comparison c) {
        return "base " + c.base() + " vs candidate " + c.candidate();
    }

    private static void appendNotes(StringBuilder out, Comparison c, String prefix) {
        for (String difference : c.workloadDifferences()) {
            out.append(prefix).append("workload differs: ").append(difference).append('\n');
        }
        for (String note : c.notes()) {
            out.append(prefix).append("note: ").append(note).append('\n');
        }
        for (String caveat : c.caveats()) {
            out.append(prefix).append("caveat: ").append(caveat).append('\n');
        }
        out.append(prefix).append(String.format(Locale.US, "significant: Mann-Whitney U over every request's "
                + "value, p < %s and medians %.1f%%+ apart; Cliff's delta: P(candidate > base) - P(candidate < base); "
                + "median shift: 95%% bootstrap interval; percentile deltas carry no significance claim",
                num(c.alpha()), c.minEffect() * 100)).append('\n');
        if (c.rows().stream().anyMatch(r -> r.significance() != null && r.significance().acrossRuns())) {
            out.append(prefix).append(String.format(Locale.US, "repeated runs: values are means across runs; a "
                    + "run-level metric is significant when Welch's t over the runs' values gives p < %s (its %.0f%% "
                    + "interval of the mean shift excludes 0) and the means are %.1f%%+ apart", num(c.alpha()),
                    (1 - c.alpha()) * 100, c.minEffect() * 100)).append('\n');
        }
    }

    /** The table's rows as text cells, one row per metric, in {@link #HEADERS}' order. */
    public static List<String[]> cells(Comparison c) {
        List<String[]> rows = new ArrayList<>();
        for (ComparisonRow r : c.rows()) {
            ComparisonRow.StatDelta head = r.headline();
            rows.add(new String[] {r.tag() + " (" + r.unit() + ")", head.stat(), num(head.base()),
                    num(head.candidate()), percent(head.relativeDelta()), delta(r, "p90"), delta(r, "p99"),
                    delta(r, "avg"), r.change(), significanceText(r.significance())});
        }
        return rows;
    }

    private static String delta(ComparisonRow r, String stat) {
        return r.stats().stream().filter(d -> d.stat().equals(stat)).findFirst()
                .map(d -> percent(d.relativeDelta())).orElse("");
    }

    private static String percent(double relative) {
        return Double.isNaN(relative) ? "n/a" : String.format(Locale.US, "%+.1f%%", relative * 100);
    }

    /** One significance line, e.g. {@code yes: Mann-Whitney U p=1.3e-08, Cliff's delta +0.62, median [+18.0%, +22.0%]}. */
    static String significanceText(Significance s) {
        if (s == null) {
            return "n/a (one value per run)";
        }
        String shift = Double.isNaN(s.shiftLow()) ? "n/a" : String.format(Locale.US, "[%+.1f%%, %+.1f%%]",
                s.shiftLow() * 100, s.shiftHigh() * 100);
        if (s.acrossRuns()) {
            return String.format(Locale.US, "%s: %s p=%.3g, mean shift %s", s.significant() ? "yes" : "no", s.test(),
                    s.pValue(), shift);
        }
        return String.format(Locale.US, "%s: %s p=%.3g, Cliff's delta %+.2f, median shift %s",
                s.significant() ? "yes" : "no", s.test(), s.pValue(), s.effectSize(), shift);
    }

    private static void appendConsoleRow(StringBuilder out, String[] row, int[] widths) {
        for (int i = 0; i < row.length; i++) {
            boolean left = i < 2 || i >= LEFT_FROM;
            if (i == row.length - 1) {
                out.append(row[i]).append('\n');
            } else {
                out.append(left ? String.format("%-" + widths[i] + "s", row[i])
                        : String.format("%" + widths[i] + "s", row[i])).append("  ");
            }
        }
    }

    private static String num(double v) {
        return String.format(Locale.US, "%.2f", v);
    }
}
