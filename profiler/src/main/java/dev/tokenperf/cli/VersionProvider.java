package dev.tokenperf.cli;

import dev.tokenperf.profile.ToolVersion;
import picocli.CommandLine;

/** Answers {@code --version} with {@link ToolVersion}. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"tokenperf " + ToolVersion.version()};
    }
}
