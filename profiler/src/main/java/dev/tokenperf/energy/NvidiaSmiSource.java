package dev.tokenperf.energy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local {@code nvidia-smi}, for a client on the GPU host:
 * {@code nvidia-smi --query-gpu=index,power.draw,utilization.gpu,memory.used --format=csv,noheader,nounits},
 * one line per GPU. It has no energy counter here, so power is integrated over the polls.
 */
public final class NvidiaSmiSource implements TelemetrySource {
    static final List<String> ARGS = List.of("--query-gpu=index,power.draw,utilization.gpu,memory.used",
            "--format=csv,noheader,nounits");
    private static final long TIMEOUT_SECONDS = 10;

    private final String command;

    /** @param command the executable, {@code nvidia-smi} to look it up on PATH */
    public NvidiaSmiSource(String command) {
        this.command = command;
    }

    @Override
    public String describe() {
        return "nvidia-smi";
    }

    @Override
    public List<GpuReading> read() throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(command);
        argv.addAll(ARGS);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("nvidia-smi not found on PATH (" + e.getMessage() + ")", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("nvidia-smi did not answer within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("nvidia-smi exited with " + process.exitValue() + ": " + output.strip());
        }
        return parse(output);
    }

    /** The readings of nvidia-smi's CSV; {@code [N/A]} values are NaN. */
    static List<GpuReading> parse(String csv) throws IOException {
        List<GpuReading> readings = new ArrayList<>();
        for (String line : csv.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < 4) {
                throw new IOException("nvidia-smi printed an unexpected line: " + line.strip());
            }
            double power = number(f[1]);
            if (!Double.isNaN(power)) {
                readings.add(new GpuReading(f[0].strip(), power, Double.NaN, number(f[2]), number(f[3])));
            }
        }
        return readings;
    }

    private static double number(String field) throws IOException {
        String v = field.strip();
        if (v.startsWith("[") || v.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IOException("nvidia-smi printed '" + v + "' where a number was expected");
        }
    }
}
