package dev.tokenperf.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's JVM options: {@code jvm.options}, the one file {@code ./tokenperf} reads (from the source tree)
 * and the build copies into the jar (read here). One option per line, {@code #} comments, and
 * {@code OPTION except COMMAND...} for an option that those commands go without.
 */
public final class LauncherOptions {
    /** Where the build puts the file in the jar. */
    static final String RESOURCE = "/jvm.options";

    private LauncherOptions() {
    }

    /** The options {@code ./tokenperf COMMAND} starts the JVM with (before {@code TOKENPERF_JAVA_OPTS}). */
    public static List<String> forCommand(String command) throws IOException {
        try (InputStream in = LauncherOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("jvm.options is not on the class path (rebuild the jar)");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList(),
                    command);
        }
    }

    /** The options of {@code lines} (the file's) that apply to {@code command}, in the file's order. */
    static List<String> parse(List<String> lines, String command) {
        List<String> options = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            if (words[0].isEmpty() || words[0].startsWith("#")) {
                continue;
            }
            boolean excepted = words.length > 2 && words[1].equals("except")
                    && Arrays.asList(words).subList(2, words.length).contains(command);
            if (!excepted) {
                options.add(words[0]);
            }
        }
        return options;
    }
}
