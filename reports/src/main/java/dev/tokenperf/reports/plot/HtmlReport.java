package dev.tokenperf.reports.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokenperf.reports.compare.Comparison;
import dev.tokenperf.reports.compare.ComparisonRenderer;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One self-contained HTML page for a run or a comparison: the statistics side by side, the comparisons (when
 * several runs), each run's fingerprint and every chart embedded as a base64 PNG. No script, stylesheet or
 * image is fetched, so it opens offline and can be attached to a CI job.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "report.html";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] STATS = {"avg", "p50", "p90", "p99", "max"};

    private HtmlReport() {
    }

    public static String render(List<SavedResult> results, List<Comparison> comparisons, List<RenderedChart> charts) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>tokenperf report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
                        + "margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}.better{color:#080}.worse{color:#b00}"
                        + "img{max-width:100%;border:1px solid #eee}pre{background:#f6f6f6;padding:1em;"
                        + "overflow:auto}</style>\n</head><body>\n");
        html.append("<h1>tokenperf report</h1>\n<p>");
        for (SavedResult r : results) {
            html.append("<code>").append(escape(r.dir().toString())).append("</code> ");
        }
        html.append("</p>\n<h2>Statistics</h2>\n").append(statistics(results));
        for (Comparison c : comparisons) {
            html.append(comparison(c));
        }
        html.append("<h2>Charts</h2>\n");
        for (RenderedChart chart : charts) {
            html.append("<h3>").append(escape(chart.title())).append("</h3>\n<img alt=\"").append(escape(chart.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(chart.png()))
                    .append("\">\n");
        }
        html.append("<h2>Fingerprints</h2>\n");
        for (SavedResult r : results) {
            html.append("<h3>").append(escape(r.label())).append("</h3>\n<pre>")
                    .append(escape(json(r))).append("</pre>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String statistics(List<SavedResult> results) {
        StringBuilder t = new StringBuilder("<table><tr><th>metric</th><th>stat</th>");
        for (SavedResult r : results) {
            t.append("<th>").append(escape(r.label())).append("</th>");
        }
        t.append("</tr>\n");
        for (MetricDefinition metric : MetricRegistry.all()) {
            for (String stat : metric.isDistribution() ? STATS : new String[] {"avg"}) {
                StringBuilder row = new StringBuilder();
                boolean any = false;
                for (SavedResult r : results) {
                    OptionalDouble v = r.value(metric.tag(), stat);
                    any |= v.isPresent();
                    row.append("<td>").append(v.isPresent() ? num(v.getAsDouble()) : "").append("</td>");
                }
                if (any) {
                    t.append("<tr><td>").append(escape(metric.header())).append(" (")
                            .append(escape(metric.unit().label())).append(")</td><td>")
                            .append(metric.isDistribution() ? stat : "").append("</td>").append(row).append("</tr>\n");
                }
            }
        }
        return t.append("</table>\n").toString();
    }

    private static String comparison(Comparison c) {
        StringBuilder t = new StringBuilder("<h2>").append(escape(c.candidate())).append(" vs base ")
                .append(escape(c.base())).append("</h2>\n");
        for (String difference : c.workloadDifferences()) {
            t.append("<p>workload differs: ").append(escape(difference)).append("</p>\n");
        }
        t.append("<table><tr>");
        for (String header : ComparisonRenderer.HEADERS) {
            t.append("<th>").append(escape(header)).append("</th>");
        }
        t.append("</tr>\n");
        List<String[]> cells = ComparisonRenderer.cells(c);
        for (int i = 0; i < cells.size(); i++) {
            String change = c.rows().get(i).change();
            t.append("<tr>");
            for (String cell : cells.get(i)) {
                t.append(cell.equals(change) ? "<td class=\"" + change + "\">" : "<td>").append(escape(cell))
                        .append("</td>");
            }
            t.append("</tr>\n");
        }
        t.append("</table>\n<p>significant: Mann-Whitney U p &lt; ").append(c.alpha())
                .append(String.format(Locale.US, " and medians %.1f%%+ apart", c.minEffect() * 100));
        if (c.rows().stream().anyMatch(r -> r.significance() != null && r.significance().acrossRuns())) {
            t.append(String.format(Locale.US, "; run-level metrics of repeated runs: Welch t across runs p &lt; %s "
                    + "and means %.1f%%+ apart (values are means across runs)", c.alpha(), c.minEffect() * 100));
        }
        return t.append("</p>\n").toString();
    }

    private static String json(SavedResult r) {
        try {
            return MAPPER.writeValueAsString(r.summary().path("fingerprint"));
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String num(double v) {
        return String.format(Locale.US, "%.2f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
