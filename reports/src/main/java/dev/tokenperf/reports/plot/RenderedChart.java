package dev.tokenperf.reports.plot;

/**
 * One rendered chart.
 *
 * @param fileName the PNG's file name, e.g. {@code ttft_over_time.png}
 * @param title    what it shows, for the HTML report
 * @param png      the PNG bytes
 */
public record RenderedChart(String fileName, String title, byte[] png) {
}
