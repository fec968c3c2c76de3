package dev.tokenperf.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gate checks from a YAML ({@code .yaml}/{@code .yml}) or JSON file: either a list of check strings, or an
 * object with {@code gates:} (that list) and optionally {@code goodput:} (SLOs as for {@code --goodput}).
 * <pre>
 * goodput: "ttft:300 itl:20"
 * gates:
 *   - ttft.p99 &lt; 500ms
 *   - output_token_throughput &gt; 1200
 * </pre>
 *
 * @param checks  the checks, in file order
 * @param goodput the SLO text, or null
 */
public record GateFile(List<String> checks, String goodput) {

    public GateFile {
        checks = List.copyOf(checks);
    }

    /** @throws GateSyntaxException naming the file when it is missing or not in this shape */
    public static GateFile read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase();
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
        if (!Files.isRegularFile(file)) {
            throw new GateSyntaxException("--gate-file " + file + ": no such file");
        }
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new GateSyntaxException("--gate-file " + file + ": cannot read it ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode list = root != null && root.isObject() ? root.path("gates") : root;
        if (list == null || !list.isArray()) {
            throw new GateSyntaxException("--gate-file " + file + ": expected a list of checks or an object with "
                    + "'gates:' (a list of strings like \"ttft.p99<500ms\")");
        }
        List<String> checks = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw new GateSyntaxException("--gate-file " + file + ": every gate must be a string, got " + item);
            }
            checks.add(item.asText());
        }
        JsonNode goodput = root.isObject() ? root.path("goodput") : null;
        return new GateFile(checks, goodput != null && goodput.isTextual() ? goodput.asText() : null);
    }
}
