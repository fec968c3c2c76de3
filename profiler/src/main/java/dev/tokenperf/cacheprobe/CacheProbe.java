package dev.tokenperf.cacheprobe;

import dev.tokenperf.energy.EnergyMeter;
import dev.tokenperf.reports.record.GpuEnergy;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.plot.CacheProbeChart;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.workloads.prompt.ContextPrompt;
import dev.tokenperf.workloads.prompt.Corpus;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs one {@link ProbePlan}: for each context limit, the document (cut to fit) is sent once cold, the cache
 * is flushed when asked, then the following requests are sent; each request's time to first token becomes a
 * {@link ProbeRow} in the JSONL and a {@code TTFT_n} line on the console, and each limit ends with its
 * {@link CacheVerdict}.
 *
 * <p>Every document starts with a line naming this invocation and the limit, so that the cold baseline is
 * cold even on a server that still holds the document from an earlier probe, and the limits of a sweep share
 * no prefix.
 */
public final class CacheProbe {
    /** Flush requests sent after run 1 with {@link ProbePlan#flush()}. */
    static final int FLUSH_REQUESTS = 10;
    /** Length of each flush request's unrelated document, in characters (cut to the context limit). */
    static final int FLUSH_DOCUMENT_CHARS = 100_000;
    /** Length of the unmeasured warm-up request's text, in characters. */
    static final int WARM_UP_CHARS = 4_000;

    private final ProbePlan plan;
    private final ProbeClient client;
    private final PrintWriter out;
    private final Spinner spinner;
    private final PromptFitter fitter;
    private final String invocation = UUID.randomUUID().toString();
    private final EnergyMeter meter;

    /**
     * @param client   connects to the plan's server
     * @param out      the console
     * @param terminal whether the console is a terminal (a spinner runs while waiting for token 1)
     * @param meter    measures GPU energy from run 1 to the last request of each context limit, or null
     */
    CacheProbe(ProbePlan plan, ProbeClient client, PrintWriter out, boolean terminal, EnergyMeter meter) {
        this.meter = meter;
        this.plan = plan;
        this.client = client;
        this.out = out;
        this.spinner = new Spinner(out, terminal);
        this.fitter = new PromptFitter(plan.tokenizer());
    }

    /**
     * One context limit's outcome.
     *
     * @param model        the model probed
     * @param maxCtxTokens the context limit
     * @param rows         the measured requests' rows
     * @param records      the measured requests' records (warm-up and flush requests left out)
     * @param windowNanos  from the first measured request's start to the last one's end
     * @param end          when the last measured request ended
     * @param verdict      the verdict, or null when the limit failed
     * @param error        why the limit failed, or null
     * @param energy       GPU energy over the limit's requests (flush requests included), or null
     */
    public record LimitResult(String model, int maxCtxTokens, List<ProbeRow> rows, List<RequestRecord> records,
                              long windowNanos, Instant end, CacheVerdict verdict, String error,
                              GpuEnergy energy) {
    }

    /**
     * Runs the plan, writing rows as they are measured.
     *
     * @throws ProbeFailedException when the server cannot be reached or a request fails (rows so far are kept)
     */
    public List<LimitResult> run() throws InterruptedException, IOException {
        String model = client.useModel(plan.model());
        out.println("cache-probe: " + model + " at " + plan.target() + "; document: " + plan.document().describe()
                + "; " + fitter.describe());
        warmUp();
        List<LimitResult> results = new ArrayList<>();
        try (ProbeLog log = new ProbeLog(plan.out())) {
            for (int limit : plan.contextLimits()) {
                results.add(probe(model, limit, log, results));
            }
        }
        out.println("rows: " + plan.out());
        if (plan.isSweep()) {
            Path png = chartPath();
            Files.write(png, CacheProbeChart.render(results.stream().flatMap(r -> r.rows().stream())
                    .map(row -> new CacheProbeChart.Point(row.contextTokens(), row.ttftSeconds(), row.warm()))
                    .toList()));
            out.println("chart: " + png);
        }
        return results;
    }

    /** The sweep's chart: {@code --out} with {@code .png} for its extension. */
    Path chartPath() {
        String name = plan.out().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return plan.out().resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".png");
    }

    private LimitResult probe(String model, int limit, ProbeLog log, List<LimitResult> before)
            throws InterruptedException {
        // the limit comes first, so that the documents of a sweep differ from their first block on
        String document = "Context of " + limit + " tokens, reference " + invocation + ".\n\n"
                + plan.document().text(limit);
        PromptFitter.Fitted prompt = fitter.fit(document, plan.prompt(), limit);
        out.println("context limit " + limit + " tokens: prompt of about " + prompt.tokens() + " tokens");
        out.flush();
        List<ProbeRow> rows = new ArrayList<>();
        List<RequestRecord> records = new ArrayList<>();
        if (meter != null) {
            meter.start();
        }
        try {
            rows.add(measure(1, prompt, limit, false, false, log, records));
            for (int run = 2; run <= plan.numFollowing() + 1; run++) {
                boolean flushed = plan.flush() && run == 2;
                if (flushed) {
                    flush(limit);
                }
                rows.add(measure(run, prompt, limit, flushed, !flushed, log, records));
            }
        } catch (ProbeFailedException e) {
            List<LimitResult> measured = new ArrayList<>(before);
            measured.add(result(model, limit, rows, records, null, e.getMessage(), stopMeter()));
            throw new ProbeFailedException(e.getMessage(), measured);
        }
        GpuEnergy energy = stopMeter();
        CacheVerdict verdict = CacheVerdict.of(rows);
        out.println(verdict.describe());
        if (energy != null && !energy.isEmpty()) {
            long outputTokens = records.stream().mapToLong(RequestRecord::outputTokens).sum();
            out.print(energy.describe(records.size(), outputTokens));
        }
        meterNotes();
        out.flush();
        return result(model, limit, rows, records, verdict, null, energy);
    }

    private GpuEnergy stopMeter() throws InterruptedException {
        return meter == null ? null : meter.stop();
    }

    private void meterNotes() {
        if (meter != null) {
            meter.takeNotes().forEach(note -> out.println("GPU telemetry note: " + note));
        }
    }

    private static LimitResult result(String model, int limit, List<ProbeRow> rows, List<RequestRecord> records,
                                      CacheVerdict verdict, String error, GpuEnergy energy) {
        long window = records.isEmpty() ? 0 : records.get(records.size() - 1).endNanos() - records.get(0).startNanos();
        return new LimitResult(model, limit, rows, records, window, Instant.now(), verdict, error, energy);
    }

    private ProbeRow measure(int run, PromptFitter.Fitted prompt, int limit, boolean flushedBefore, boolean warm,
                             ProbeLog log, List<RequestRecord> records) throws InterruptedException {
        ProbeClient.Answer answer = client.send(prompt.text(), ProbePlan.MEASURED_OUTPUT_TOKENS, prompt.tokens(),
                firstToken -> spinner.spinUntil(firstToken, "run " + run + ": waiting for the first token"));
        spinner.awaitStopped();
        RequestRecord record = answer.record();
        records.add(record);
        requireSuccess(record, "request " + run);
        if (record.chunkCount() == 0) {
            throw new ProbeFailedException("request " + run + " returned no streamed token: the server did not "
                    + "stream, so there is no time to first token");
        }
        ProbeRow row = new ProbeRow(run, record.serverInputTokens() >= 0 ? record.serverInputTokens() : prompt.tokens(),
                MetricRegistry.ttftNanos(record), flushedBefore, answer.cachedTokens(), limit, warm);
        log.append(row);
        out.println(String.format(Locale.US, "TTFT_%d = %.3fs  (%s, %d context tokens%s)", run, row.ttftSeconds(),
                warm ? "warm" : flushedBefore ? "cold after flush" : "cold", row.contextTokens(),
                row.cachedTokens() >= 0 ? ", " + row.cachedTokens() + " cached" : ""));
        out.flush();
        return row;
    }

    /**
     * One unmeasured request on an unrelated short text before the baseline: the first request of a process
     * (and of a server) pays for class loading and compilation, which would inflate the cold time and make
     * any later request look cached.
     */
    private void warmUp() throws InterruptedException {
        String text = "Warm-up " + invocation + ".\n\n" + Corpus.generate(2000, WARM_UP_CHARS) + "\n\nSay yes.";
        requireSuccess(client.send(text, 1, text.length() / ContextPrompt.CHARS_PER_TOKEN_ESTIMATE,
                firstToken -> { }).record(), "the warm-up request");
        out.println("warm-up: one unmeasured request on an unrelated text");
    }

    private static void requireSuccess(RequestRecord record, String what) {
        if (!record.succeeded()) {
            throw new ProbeFailedException(what + " failed: " + record.error().message());
        }
    }

    /** Evicts the document: unrelated long prompts, one token each, fill the cache with other blocks. */
    private void flush(int limit) throws InterruptedException {
        out.println("flushing the cache: " + FLUSH_REQUESTS + " one-token requests on unrelated ~"
                + FLUSH_DOCUMENT_CHARS + "-character documents");
        out.flush();
        for (int i = 0; i < FLUSH_REQUESTS; i++) {
            String filler = "Flush " + (i + 1) + " of " + invocation + ".\n\n" + Corpus.generate(1000 + i,
                    FLUSH_DOCUMENT_CHARS);
            PromptFitter.Fitted fitted = fitter.fit(filler, "Say yes.", limit);
            requireSuccess(client.send(fitted.text(), 1, fitted.tokens(), firstToken -> { }).record(),
                    "flush request " + (i + 1));
        }
    }
}
