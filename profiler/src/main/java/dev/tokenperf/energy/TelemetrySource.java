package dev.tokenperf.energy;

import java.io.IOException;
import java.util.List;

/** Where GPU readings come from. Read off the event loops, by the sampler's own thread. */
public interface TelemetrySource {

    /** For the console, e.g. the URL. */
    String describe();

    /**
     * The current reading of every GPU the source sees.
     *
     * @throws IOException naming the source when it cannot be read
     */
    List<GpuReading> read() throws IOException, InterruptedException;
}
