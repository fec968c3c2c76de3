package dev.tokenperf.cacheprobe;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A spinner on a terminal while a request waits for its first token. It runs on its own thread and stops
 * the instant the first token arrives: it waits on that event, never sleeps past it. Off a terminal it does
 * nothing, so logs and tests see only the results.
 */
final class Spinner {
    private static final String FRAMES = "|/-\\";
    private static final long FRAME_MILLIS = 100;

    private final PrintWriter out;
    private final boolean enabled;
    private Thread thread;

    /** @param enabled true when the output is a terminal */
    Spinner(PrintWriter out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** Spins, labelled, until {@code firstToken} completes. */
    void spinUntil(CompletableFuture<Void> firstToken, String label) {
        if (!enabled) {
            return;
        }
        thread = new Thread(() -> {
            for (int frame = 0; ; frame++) {
                out.print("\r" + FRAMES.charAt(frame % FRAMES.length()) + " " + label);
                out.flush();
                try {
                    firstToken.get(FRAME_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    // next frame
                } catch (InterruptedException | ExecutionException e) {
                    break;
                }
            }
            out.print("\r" + " ".repeat(label.length() + 2) + "\r");
            out.flush();
        }, "cache-probe-spinner");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the spinner has cleared its line, so the next output starts on a clean one. */
    void awaitStopped() throws InterruptedException {
        if (thread != null) {
            thread.join();
            thread = null;
        }
    }
}
