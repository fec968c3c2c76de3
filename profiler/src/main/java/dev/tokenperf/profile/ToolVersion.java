package dev.tokenperf.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * tokenperf's version, read from the build-filtered {@code tokenperf.properties}: stamped on every run's
 * result and shown by {@code --version}.
 */
public final class ToolVersion {

    private ToolVersion() {
    }

    /** The tool's version, e.g. {@code 0.1.0}. */
    public static String version() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/tokenperf.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
