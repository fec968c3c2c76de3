package dev.tokenperf.cli;

import dev.tokenperf.reports.plan.Conversations;
import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.Workload;
import dev.tokenperf.workloads.dataset.DatasetPrompts;
import dev.tokenperf.workloads.dataset.DatasetType;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader;
import dev.tokenperf.workloads.dataset.MultiTurnReader;
import dev.tokenperf.workloads.dataset.ShareGptReader;
import dev.tokenperf.workloads.dataset.SingleTurnReader;
import dev.tokenperf.workloads.prompt.ContextPrompt;
import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.PromptSet;
import dev.tokenperf.workloads.prompt.RequestSpec;
import dev.tokenperf.workloads.prompt.SequenceLengths;
import dev.tokenperf.workloads.prompt.SyntheticConversations;
import dev.tokenperf.workloads.prompt.SyntheticPrompts;
import dev.tokenperf.workloads.prompt.TurnShape;
import dev.tokenperf.workloads.schedule.TraceReader;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the run's {@link PromptSet} from the prompt and dataset options, before the run: synthetic prompts of
 * exact lengths, a dataset file, or a context document with a fixed prompt. Bad input is a
 * {@link UsageException} naming the flag or the file and line.
 */
final class PromptSetFactory {
    private static final int MEASURED_STREAM = 0;
    private static final int WARMUP_STREAM = 1;

    private final RunPlan settings;
    private final PromptOptions prompts;
    private final DatasetOptions datasets;
    private final Tokenizer tokenizer;
    private final long seed;

    PromptSetFactory(RunPlan settings, PromptOptions prompts, DatasetOptions datasets, Tokenizer tokenizer,
                     long seed) {
        this.settings = settings;
        this.prompts = prompts;
        this.datasets = datasets;
        this.tokenizer = tokenizer;
        this.seed = seed;
    }

    /**
     * Checks the options that need no tokenizer, so mistakes are reported before anything is loaded.
     *
     * @param otherSchedule whether a {@code --fixed-schedule} file other than {@code --input-file} is replayed
     * @param sessionRun    whether the plan runs multi-turn sessions
     */
    static void validate(PromptOptions prompts, DatasetOptions datasets, int isl, boolean otherSchedule,
                         boolean sessionRun) {
        if (otherSchedule && datasets.inputFile != null) {
            throw new UsageException("--fixed-schedule replays its own trace's requests, so --input-file would be "
                    + "ignored; drop one of them");
        }
        if (prompts.prefixPromptCount < 1) {
            throw new UsageException("--num-prefix-prompts must be >= 1, got " + prompts.prefixPromptCount);
        }
        if (datasets.maxContextTokens != null && datasets.maxContextTokens < 1) {
            throw new UsageException("--max-ctx-tokens must be >= 1, got " + datasets.maxContextTokens);
        }
        if (sessionRun && (datasets.contextFile != null || datasets.prompt != null)) {
            throw new UsageException("a session run (--conversation-*) sends synthetic or --input-file sessions; drop "
                    + "--context-file and --prompt");
        }
        if (datasets.inputFile != null && (datasets.contextFile != null || datasets.prompt != null)) {
            throw new UsageException("--input-file cannot be combined with --context-file or --prompt");
        }
        if (datasets.contextFile != null && datasets.maxContextTokens == null) {
            throw new UsageException("--context-file needs --max-ctx-tokens (the model's context length)");
        }
        try {
            DatasetType.fromOption(datasets.datasetType);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int largestIsl = isl;
        int smallestIsl = isl;
        String islFlag = "--isl";
        if (prompts.seqDist != null) {
            try {
                SequenceLengths mix = new SequenceLengths(SequenceLengths.parse(prompts.seqDist), 0, 0);
                largestIsl = mix.maxMeanIsl();
                smallestIsl = mix.minMeanIsl();
                islFlag = "the smallest --seq-dist ISL";
            } catch (IllegalArgumentException e) {
                throw new UsageException("--seq-dist " + e.getMessage());
            }
        }
        boolean synthetic = datasets.inputFile == null && datasets.contextFile == null && datasets.prompt == null;
        if (synthetic && datasets.maxContextTokens != null && largestIsl > datasets.maxContextTokens) {
            throw new UsageException("ISL " + largestIsl + " is larger than --max-ctx-tokens " + datasets.maxContextTokens);
        }
        if (synthetic && prompts.sharedPrefixTokens > 0 && prompts.sharedPrefixTokens >= smallestIsl) {
            throw new UsageException("--shared-prefix-tokens (" + prompts.sharedPrefixTokens + ") must be smaller than "
                    + islFlag + " (" + smallestIsl + ")");
        }
    }

    PromptSet build() {
        // an embeddings batch takes --batch-size consecutive prompts, so each request gets texts of its own
        int measuredCount = (int) Math.min(Workload.MAX_DISTINCT_PROMPTS,
                settings.stop().requestCount() == 0 ? Workload.MAX_DISTINCT_PROMPTS
                        : (long) settings.stop().requestCount() * settings.endpoint().batchSize());
        int warmupCount = Math.min(Workload.MAX_DISTINCT_PROMPTS, settings.warmup().requestCount());
        if (settings.workload().sessions()) {
            return sessions(measuredCount, warmupCount);
        }
        if (datasets.inputFile != null) {
            List<RequestSpec> requests = dataset(datasets.inputFile);
            return new PromptSet(warmupCount == 0 ? List.of() : requests, requests,
                    DatasetType.fromOption(datasets.datasetType).option() + ":" + datasets.inputFile);
        }
        if (datasets.contextFile != null || datasets.prompt != null) {
            RequestSpec request = fixedPrompt();
            return new PromptSet(List.of(request), List.of(request),
                    datasets.contextFile != null ? "context:" + datasets.contextFile : "prompt");
        }
        SequenceLengths lengths = lengths();
        SyntheticPrompts generator = new SyntheticPrompts(tokenizer, seed, prompts.sharedPrefixTokens,
                prompts.prefixPromptCount);
        List<RequestSpec> measured = generator.generate(lengths, MEASURED_STREAM, measuredCount);
        Integer maxContext = datasets.maxContextTokens;
        if (maxContext != null) {
            measured.stream().filter(r -> r.inputTokens() > maxContext).findFirst().ifPresent(r -> {
                throw new UsageException("--isl-stddev drew a prompt of " + r.inputTokens()
                        + " tokens, larger than --max-ctx-tokens " + maxContext);
            });
        }
        return new PromptSet(generator.generate(lengths, WARMUP_STREAM, warmupCount), measured, "synthetic");
    }

    /**
     * The sessions of a session run: an input file's (multi_turn, a mooncake trace's sessions, or ShareGPT
     * conversations as whole sessions), or
     * {@code count} synthetic ones whose user turns have the requested ISL, exact under the tokenizer. Warmup sends
     * single requests: the sessions' first turns, or synthetic prompts of their own.
     */
    private PromptSet sessions(int count, int warmupCount) {
        Conversations shape = settings.workload().conversations();
        if (datasets.inputFile != null) {
            Path file = datasets.inputFile;
            List<Conversation> sessions;
            try {
                sessions = switch (DatasetType.fromOption(datasets.datasetType)) {
                    case MULTI_TURN -> MultiTurnReader.read(file, tokenizer, shape.delayRatio(), maxContext());
                    case MOONCAKE_TRACE -> DatasetPrompts.fromTraceSessions(file,
                            MooncakeTraceReader.sessions(MooncakeTraceReader.read(file)), traceGenerator(),
                            maxContext(), shape.delayRatio(), 0);
                    default -> ShareGptReader.readSessions(file, tokenizer);
                };
            } catch (IllegalArgumentException e) {
                throw new UsageException("--input-file " + e.getMessage());
            }
            return fileSessions(sessions, warmupCount, DatasetType.fromOption(datasets.datasetType).option() + ":"
                    + file);
        }
        SequenceLengths lengths = lengths();
        SyntheticPrompts generator = new SyntheticPrompts(tokenizer, seed, prompts.sharedPrefixTokens,
                prompts.prefixPromptCount);
        TurnShape turns = new TurnShape(shape.turnMean(), shape.turnStddev(), shape.delayMeanMillis(),
                shape.delayStddevMillis(), shape.delayRatio());
        List<Conversation> sessions = SyntheticConversations.generate(generator, lengths, turns, seed, MEASURED_STREAM,
                count);
        return PromptSet.ofSessions(generator.generate(lengths, WARMUP_STREAM, warmupCount), sessions, "synthetic");
    }

    /** A file's sessions, each turn without an output length of its own asking for --osl; warmup their first turns. */
    private PromptSet fileSessions(List<Conversation> read, int warmupCount, String source) {
        int osl = settings.workload().osl();
        List<Conversation> sessions = read.stream().map(c -> c.withDefaultOutput(osl)).toList();
        List<RequestSpec> firsts = sessions.stream().map(Conversation::firstRequest).toList();
        return PromptSet.ofSessions(firsts.subList(0, Math.min(warmupCount, firsts.size())), sessions, source);
    }

    private SyntheticPrompts traceGenerator() {
        return new SyntheticPrompts(tokenizer, seed, 0, 0);
    }

    private int maxContext() {
        return datasets.maxContextTokens == null ? 0 : datasets.maxContextTokens;
    }

    private SequenceLengths lengths() {
        return prompts.seqDist != null
                ? new SequenceLengths(SequenceLengths.parse(prompts.seqDist), prompts.islStddev, prompts.oslStddev)
                : SequenceLengths.fixed(settings.workload().isl(), settings.workload().osl(), prompts.islStddev,
                prompts.oslStddev);
    }

    /**
     * Prompts for a replayed trace ({@code --fixed-schedule}), in the trace's time order: exact-length text under
     * the tokenizer, with shared {@code hash_ids} blocks becoming shared prefixes as for a mooncake dataset.
     * Warmup reuses the first entries.
     */
    PromptSet forTrace(List<MooncakeTraceReader.TraceEntry> trace, Path file) {
        int warmupCount = settings.warmup().requestCount();
        try {
            if (settings.workload().sessions()) {
                // sessions in the order of their first timestamps, as the plan's trace schedules them
                double speedup = ((LoadModel.TraceReplay) settings.load()).speedup();
                return fileSessions(DatasetPrompts.fromTraceSessions(file, TraceReader.readSessions(file),
                        traceGenerator(), maxContext(), settings.workload().conversations().delayRatio(), speedup),
                        warmupCount, "fixed-schedule:" + file);
            }
            List<RequestSpec> measured = DatasetPrompts.fromTrace(file, trace, traceGenerator(), maxContext());
            int warmup = Math.min(measured.size(), warmupCount);
            return new PromptSet(measured.subList(0, warmup), measured, "fixed-schedule:" + file);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fixed-schedule " + e.getMessage());
        }
    }

    private List<RequestSpec> dataset(Path file) {
        int maxContext = maxContext();
        try {
            List<RequestSpec> requests = switch (DatasetType.fromOption(datasets.datasetType)) {
                case SINGLE_TURN -> DatasetPrompts.fromEntries(file, SingleTurnReader.read(file), tokenizer, maxContext);
                case SHAREGPT -> DatasetPrompts.fromEntries(file, ShareGptReader.read(file, tokenizer), tokenizer,
                        maxContext);
                case MOONCAKE_TRACE -> DatasetPrompts.fromTrace(file, MooncakeTraceReader.read(file),
                        traceGenerator(), maxContext);
                // the plan makes every multi_turn file a session run, read by sessions()
                case MULTI_TURN -> throw new IllegalStateException("a multi_turn file is read as sessions");
            };
            // entries without their own output length ask for --osl (or the server's default)
            return requests.stream().map(r -> r.outputTokens() >= 0 ? r
                    : new RequestSpec(r.messages(), r.inputTokens(), settings.workload().osl())).toList();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--input-file " + e.getMessage());
        }
    }

    private RequestSpec fixedPrompt() {
        String question = datasets.prompt == null ? "" : datasets.prompt;
        String text = question;
        if (datasets.contextFile != null) {
            String document;
            try {
                document = Files.readString(datasets.contextFile, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UsageException("--context-file " + datasets.contextFile + ": no such file");
            } catch (IOException e) {
                throw new UsageException("--context-file " + datasets.contextFile + ": cannot read: " + e.getMessage());
            }
            try {
                text = ContextPrompt.build(tokenizer, document, question, datasets.maxContextTokens);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (text.isBlank()) {
            throw new UsageException("--prompt must not be empty");
        }
        int tokens = tokenizer.count(text);
        if (datasets.maxContextTokens != null && tokens > datasets.maxContextTokens) {
            throw new UsageException("--prompt is " + tokens + " tokens, larger than --max-ctx-tokens "
                    + datasets.maxContextTokens);
        }
        return RequestSpec.of(text, tokens, settings.workload().osl());
    }
}
