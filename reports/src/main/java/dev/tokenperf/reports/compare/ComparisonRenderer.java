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
    private static final String[] HEADERS = {"Metric", "Stat", "Base", "Candidate", "Delta", "Delta %",
            "Median shift 95% CI", "Change", "Significant"};

    private ComparisonRenderer() {
    }

    public static String console(List<Comparison> comparisons) {
        StringBuilder out = new StringBuilder();
        for (Comparison c : comparisons) {
            out.append(title(c)).append('\n');
            List<String[]> cells = cells(c);
            int[] widths = new int[HEADERS.length];
            for (int i = 0; i < HEADERS.length; i++) {
                widths[i] = HEADERS[i].length();
                for (String[] row : cells) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            appendConsoleRow(out, HEADERS, widths);
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
            out.append("|---|---|--:|--:|--:|--:|--:|---|---|\n");
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
                row.put("stat", r.stat());
                row.put("base", r.base());
                row.put("candidate", r.candidate());
                row.put("absolute_delta", r.absoluteDelta());
                row.put("relative_delta", JsonNumbers.nanAsNull(r.relativeDelta()));
                row.put("change", r.change());
                row.put("p_value", r.tested() ? r.pValue() : null);
                row.put("median_shift_ci95", Double.isNaN(r.shiftLow()) ? null : List.of(r.shiftLow(), r.shiftHigh()));
                row.put("significant", r.tested() ? r.significant() : null);
                rows.add(row);
            }
            m.put("rows", rows);
            list.add(m);
        }
        try {
            return MAPPER.writeValueAsString(Map.of("comparisons", list)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the comparison as JSON", e);
        }
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
        out.append(prefix).append(String.format(Locale.US, "significant: Mann-Whitney U p < %s and medians "
                + "%.1f%%+ apart; median shift: 95%% bootstrap interval; n/a for run-level metrics",
                num(c.alpha()), c.minEffect() * 100)).append('\n');
    }

    private static List<String[]> cells(Comparison c) {
        List<String[]> rows = new ArrayList<>();
        for (ComparisonRow r : c.rows()) {
            rows.add(new String[] {r.tag() + " (" + r.unit() + ")", r.stat(), num(r.base()), num(r.candidate()),
                    signed(r.absoluteDelta()), Double.isNaN(r.relativeDelta()) ? "n/a"
                    : String.format(Locale.US, "%+.1f%%", r.relativeDelta() * 100), interval(r), r.change(),
                    !r.tested() ? "n/a" : (r.significant() ? "yes" : "no")
                    + String.format(Locale.US, " (p=%.3g)", r.pValue())});
        }
        return rows;
    }

    private static void appendConsoleRow(StringBuilder out, String[] row, int[] widths) {
        for (int i = 0; i < row.length; i++) {
            boolean left = i < 2 || i >= 7;
            if (i == row.length - 1) {
                out.append(row[i]).append('\n');
            } else {
                out.append(left ? String.format("%-" + widths[i] + "s", row[i])
                        : String.format("%" + widths[i] + "s", row[i])).append("  ");
            }
        }
    }

    /** The median-shift interval as text, e.g. {@code [+58.1%, +60.2%]}, or {@code n/a}. */
    public static String interval(ComparisonRow r) {
        return Double.isNaN(r.shiftLow()) ? "n/a" : String.format(Locale.US, "[%+.1f%%, %+.1f%%]",
                r.shiftLow() * 100, r.shiftHigh() * 100);
    }

    private static String num(double v) {
        return String.format(Locale.US, "%.2f", v);
    }

    private static String signed(double v) {
        return String.format(Locale.US, "%+.2f", v);
    }
}
