package dev.tokenperf.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.load.ResultFormatException;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.workloads.dataset.DatasetEntry;
import dev.tokenperf.workloads.dataset.DatasetPrompts;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader;
import dev.tokenperf.workloads.dataset.MultiTurnReader;
import dev.tokenperf.workloads.dataset.ShareGptReader;
import dev.tokenperf.workloads.dataset.SingleTurnReader;
import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.ConversationTurn;
import dev.tokenperf.workloads.prompt.RequestSpec;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The observed token lengths an empirical spec ({@code empirical:PATH}, {@code {mode: empirical, file: PATH}})
 * names. PATH is a saved result (its directory or its {@code profile_export.jsonl}: the measured requests that
 * succeeded, warmup and errors left out) or a dataset file in a format {@code profile --input-file} reads,
 * recognised by its content: ShareGPT (a JSON array), or JSON lines whose first line has {@code input_length}
 * (mooncake trace), {@code turns} (aiperf multi_turn: each turn one request, its own text only) or
 * {@code text}/{@code messages} (single_turn). Text prompts are counted with the tokenizer, as {@code profile}
 * counts them; output lengths come from {@code output_length} (ShareGPT: the answer's tokens), and a dataset that
 * lacks them is refused for output lengths. Each file is read once, for both sides.
 */
public final class EmpiricalLengths {
    /** What a spec asks of its file. */
    public enum Side {
        PROMPT("prompt"), OUTPUT("output");

        private final String label;

        Side(String label) {
            this.label = label;
        }
    }

    static final String VALID = "use a result directory, its profile_export.jsonl, or a single_turn, multi_turn, "
            + "sharegpt or mooncake_trace dataset";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Tokenizer> tokenizer;
    private final Map<Path, Lengths> read = new HashMap<>();
    private Tokenizer opened;

    /** @param tokenizer opened only when a text dataset is read */
    public EmpiricalLengths(Supplier<Tokenizer> tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * The lengths of one side of {@code path}.
     *
     * @param name the flag or key that named it, for messages
     * @throws IllegalArgumentException one line naming {@code name}, the path and what is valid
     */
    public TokenDistribution.Empirical read(String name, Path path, Side side) {
        String where = name + " empirical:" + path;
        Lengths lengths;
        try {
            lengths = read.computeIfAbsent(path.toAbsolutePath().normalize(), p -> lengths(path));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage() + "; " + VALID);
        }
        List<Integer> counts = side == Side.PROMPT ? lengths.prompts() : lengths.outputs();
        long missing = counts.stream().filter(c -> c < 0).count();
        if (missing > 0) {
            throw new IllegalArgumentException(where + ": " + missing + " of the " + counts.size() + " entries of "
                    + lengths.kind() + " give no output_length, so it has no output lengths; give every entry one, "
                    + "or use a result directory or a mooncake trace");
        }
        if (counts.isEmpty()) {
            throw new IllegalArgumentException(where + ": no " + side.label + " lengths (no measured request "
                    + "succeeded); " + VALID);
        }
        try {
            return new TokenDistribution.Empirical(counts.stream().mapToInt(Integer::intValue).toArray(),
                    path + " " + side.label + "s");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /**
     * The lengths of one file.
     *
     * @param kind    what it was read as, for messages
     * @param prompts prompt lengths
     * @param outputs output lengths, -1 where the file gives an entry none
     */
    private record Lengths(String kind, List<Integer> prompts, List<Integer> outputs) {
    }

    private Lengths lengths(Path path) {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("sweep.json"))) {
                throw new IllegalArgumentException("is a sweep; name one of its points' result directories");
            }
            return records(ResultFiles.recordsJsonl(path));
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file or directory");
        }
        String first = firstLine(path);
        if (first.startsWith("[")) {
            return entries("sharegpt", path, ShareGptReader.read(path, tokenizer()));
        }
        JsonNode json;
        try {
            json = JSON.readTree(first);
        } catch (IOException e) {
            throw new IllegalArgumentException("its first line is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("its first line is not a JSON object");
        }
        if (json.path("metadata").isObject()) {
            return records(path);
        }
        if (json.has("input_length")) {
            List<Integer> prompts = new ArrayList<>();
            List<Integer> outputs = new ArrayList<>();
            for (MooncakeTraceReader.TraceEntry e : MooncakeTraceReader.read(path)) {
                prompts.add(e.inputLength());
                outputs.add(e.outputLength());
            }
            return new Lengths("a mooncake trace", prompts, outputs);
        }
        if (json.has("turns")) {
            List<Integer> prompts = new ArrayList<>();
            List<Integer> outputs = new ArrayList<>();
            for (Conversation session : MultiTurnReader.read(path, tokenizer(), 1, 0)) {
                for (ConversationTurn turn : session.turns()) {
                    prompts.add(turn.inputTokens());
                    outputs.add(turn.outputTokens());
                }
            }
            return new Lengths("a multi_turn dataset", prompts, outputs);
        }
        if (json.has("text") || json.has("messages")) {
            return entries("single_turn", path, SingleTurnReader.read(path));
        }
        throw new IllegalArgumentException("not a format tokenperf reads (its first line has none of metadata, "
                + "input_length, turns, text, messages)");
    }

    private Tokenizer tokenizer() {
        if (opened == null) {
            opened = tokenizer.get();
        }
        return opened;
    }

    private Lengths entries(String kind, Path path, List<DatasetEntry> entries) {
        List<Integer> prompts = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        for (RequestSpec request : DatasetPrompts.fromEntries(path, entries, tokenizer(), 0)) {
            prompts.add(request.inputTokens());
            outputs.add(request.outputTokens());
        }
        return new Lengths("a " + kind + " dataset", prompts, outputs);
    }

    private static Lengths records(Path jsonl) {
        List<Integer> prompts = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        try {
            for (RequestRecord r : ResultReader.readRecords(jsonl).measured()) {
                if (r.succeeded() && r.inputTokens() > 0) {
                    prompts.add(r.inputTokens());
                }
                if (r.succeeded() && r.outputTokens() > 0) {
                    outputs.add(r.outputTokens());
                }
            }
        } catch (ResultFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return new Lengths("a result", prompts, outputs);
    }

    private static String firstLine(Path path) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read it as UTF-8 text (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException("is empty");
    }
}
