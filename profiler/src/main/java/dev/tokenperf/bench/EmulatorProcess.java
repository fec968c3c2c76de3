package dev.tokenperf.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tokenperf emulate} in a child JVM, started from this JVM's own class path, optionally pinned to CPUs
 * with {@code taskset}: the bench then bills the emulator's CPU, GC and JIT to the emulator, not to the client,
 * and the two compete for cores only as the OS (or the pinning) decides. Closing it stops the child; a shutdown
 * hook does the same if the bench is interrupted.
 */
public final class EmulatorProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final String url;
    private final Thread killOnExit;

    private EmulatorProcess(Process process, String url, Thread killOnExit) {
        this.process = process;
        this.url = url;
        this.killOnExit = killOnExit;
    }

    /**
     * Starts the child and waits until it prints the URL it serves.
     *
     * @param emulateArgs the {@code emulate} options (a free port is chosen; do not pass {@code --port})
     * @param cpus        a {@code taskset -c} CPU list to pin the child to, or null for no pinning
     * @param log         where the child's later output (warnings, errors) is copied, prefixed
     */
    public static EmulatorProcess start(List<String> emulateArgs, String cpus, PrintWriter log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.tokenperf.cli.Main", "emulate", "--port", "0"));
        command.addAll(emulateArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Thread killOnExit = new Thread(process::destroyForcibly, "emulator-process-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, url, log), "emulator-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new EmulatorProcess(process, url.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), killOnExit);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(killOnExit);
            throw new IOException("the emulator process did not start: " + String.join(" ", command) + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : "no URL within " + START_TIMEOUT_SECONDS
                    + " s"), e);
        }
    }

    /** Reads the child's output until it ends: the first URL completes {@code url}, later lines go to the log. */
    private static void readOutput(Process process, CompletableFuture<String> url, PrintWriter log) {
        StringBuilder early = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = URL.matcher(line);
                if (!url.isDone() && m.find()) {
                    url.complete(m.group(1));
                } else if (!url.isDone()) {
                    early.append(line).append('\n');
                } else {
                    synchronized (log) {
                        log.println("emulator process: " + line);
                        log.flush();
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone; whoever waits on the URL learns it below
        }
        url.completeExceptionally(new IOException("exited before serving: " + early.toString().strip()));
    }

    /** True when {@code taskset} is on the PATH, so {@code cpus} can be honoured. */
    public static boolean tasksetAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "taskset"))) {
                return true;
            }
        }
        return false;
    }

    /** The base URL the child serves. */
    public String url() {
        return url;
    }

    /** The child's CPU time so far (user plus system), or -1 when the OS does not say. */
    public long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: its shutdown hook closes the server
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs and finds the child gone
        }
    }
}
