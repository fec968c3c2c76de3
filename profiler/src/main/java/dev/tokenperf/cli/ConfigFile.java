package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -f/--config FILE.yaml}: the whole run as YAML, as picocli's source of default values, so that a flag given
 * on the command line overrides the file. A key names a flag without its dashes ({@code request_count} or
 * {@code request-count}); sections group keys and are otherwise ignored, so aiperf's shape
 * ({@code endpoint: {model_names: [...], url: ...}}, {@code loadgen: {concurrency: 8}}) reads as written; the few
 * aiperf paths whose last key is not a flag name are mapped in {@link #AIPERF_PATHS}. Lists become
 * comma-separated values. An unknown key is a usage error naming it.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> AIPERF_PATHS = Map.of(
            "endpoint.type", "--endpoint-type",
            "input.prompt.input_tokens.mean", "--synthetic-input-tokens-mean",
            "input.prompt.input_tokens.stddev", "--synthetic-input-tokens-stddev",
            "input.prompt.output_tokens.mean", "--output-tokens-mean",
            "input.prompt.output_tokens.stddev", "--output-tokens-stddev",
            "input.file", "--input-file",
            "tokenizer.name", "--tokenizer",
            "output.artifact_directory", "--artifact-dir");

    private Path file;
    private Map<String, String> values;

    /** The file to read, from {@code -f/--config}. */
    void use(Path file) {
        this.file = file;
        this.values = null;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (file == null || !(arg instanceof OptionSpec option)) {
            return null;
        }
        Map<String, String> byFlag = values(option.command());
        for (String name : option.names()) {
            if (byFlag.containsKey(name)) {
                return byFlag.get(name);
            }
        }
        return null;
    }

    // read once, on picocli's first question, and checked against every flag the command has
    private Map<String, String> values(CommandSpec command) {
        if (values == null) {
            JsonNode root;
            try {
                root = YAML.readTree(file.toFile());
            } catch (IOException e) {
                throw usage(command, "cannot read it: " + e.getMessage());
            }
            if (root == null || !root.isObject()) {
                throw usage(command, "is not a YAML mapping of flags");
            }
            Map<String, String> read = new LinkedHashMap<>();
            collect(command, root, "", read);
            values = read;
        }
        return values;
    }

    private void collect(CommandSpec command, JsonNode node, String path, Map<String, String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && !AIPERF_PATHS.containsKey(key)) {
                collect(command, value, key, into);
                continue;
            }
            String flag = AIPERF_PATHS.getOrDefault(key, "--" + field.getKey().replace('_', '-'));
            if (command.findOption(flag) == null || flag.equals("--config")) {
                throw usage(command, "unknown key '" + key + "' (no flag " + flag + ")");
            }
            into.put(flag, text(value));
        }
    }

    private static String text(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        return String.join(",", items);
    }

    private CommandLine.ParameterException usage(CommandSpec command, String message) {
        return new CommandLine.ParameterException(command.commandLine(), "-f/--config " + file + ": " + message);
    }
}
