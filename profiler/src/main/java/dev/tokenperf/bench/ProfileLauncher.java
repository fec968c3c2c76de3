package dev.tokenperf.bench;

import java.io.IOException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a user's {@code tokenperf} process is started: through the {@code ./tokenperf} launcher when this JVM was
 * started by it (it passes its own path as the {@code tokenperf.launcher} property, so its options, its class-data
 * archive and {@code TOKENPERF_JAVA_OPTS} apply exactly as for a user), otherwise with this JVM's {@code java},
 * the launcher's options for the command ({@link LauncherOptions}), {@code TOKENPERF_JAVA_OPTS} after them, and
 * this JVM's class path (no class-data archive: that is the launcher's).
 */
public final class ProfileLauncher {
    /** The system property {@code ./tokenperf} sets to its own path. */
    static final String LAUNCHER_PROPERTY = "tokenperf.launcher";

    private final String launcher;
    private final List<String> javaCommand;

    private ProfileLauncher(String launcher, List<String> javaCommand) {
        this.launcher = launcher;
        this.javaCommand = javaCommand;
    }

    /** The launcher of this JVM: the script that started it, or this JVM's java with the launcher's options. */
    public static ProfileLauncher ofThisJvm() throws IOException {
        String script = System.getProperty(LAUNCHER_PROPERTY);
        if (script != null) {
            return new ProfileLauncher(script, List.of());
        }
        return new ProfileLauncher(null, javaCommand(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                LauncherOptions.forCommand("profile"), System.getenv("TOKENPERF_JAVA_OPTS"),
                System.getProperty("java.class.path")));
    }

    /**
     * {@code java}, the options, the user's extra options (whitespace-separated, may be null) and the class path:
     * {@code -jar} for a single jar, as the launcher does, else {@code -cp} and the main class.
     */
    static List<String> javaCommand(String java, List<String> options, String userOptions, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        if (userOptions != null && !userOptions.isBlank()) {
            command.addAll(Arrays.asList(userOptions.strip().split("\\s+")));
        }
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, "dev.tokenperf.cli.Main"));
        }
        return command;
    }

    /** The command line of {@code tokenperf ARGS...} (the first argument is the subcommand). */
    public List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(launcher != null ? List.of(launcher) : javaCommand);
        command.addAll(args);
        return command;
    }

    /** True when processes start through the {@code ./tokenperf} script. */
    public boolean isScript() {
        return launcher != null;
    }

    /** Says how processes are started, for the console and {@code cold-start.json}. */
    public String describe() {
        return launcher != null ? launcher : String.join(" ", javaCommand);
    }
}
