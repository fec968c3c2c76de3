package dev.tokenperf.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The profile options {@code kube profile} passes to every pod, checked on this machine first: what would leak a
 * secret into the Job, what the pods cannot read, and what {@code kube profile} sets itself are refused, and the
 * rest must parse as {@code tokenperf profile} options.
 */
final class KubeProfileArgs {
    /** Set per pod by {@code kube profile}. */
    private static final Set<String> SET_BY_KUBE = Set.of("--output-dir", "--artifact-dir", "--output-artifact-dir",
            "--shard", "--shard-index", "--shard-count", "--start-at");
    private static final Set<String> LOCAL_FILES = Set.of("-f", "--config");

    private KubeProfileArgs() {
    }

    /** Returns the options unchanged, or throws a {@link UsageException} naming the first one refused. */
    static List<String> check(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") && arg.startsWith("-") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--api-key")) {
                throw new UsageException("kube profile: --api-key would write the key into the Job; create a Secret "
                        + "and pass --api-key-secret NAME[:KEY]");
            }
            if ((name.equals("--header") || arg.startsWith("-H")) && authorization(arg, args, i)) {
                throw new UsageException("kube profile: an Authorization header would write the key into the Job; "
                        + "create a Secret and pass --api-key-secret NAME[:KEY]");
            }
            if (SET_BY_KUBE.contains(name)) {
                throw new UsageException("kube profile: " + name + " is set for each pod by kube profile; leave it "
                        + "out");
            }
            if (LOCAL_FILES.contains(name) || arg.startsWith("@")) {
                throw new UsageException("kube profile: " + name + " names a file on this machine, which the pods "
                        + "cannot read; pass its options on the command line");
            }
        }
        try {
            // a command line of its own: a subcommand of the running tree cannot parse while its parent executes
            Main.configured(new ProfileCommand()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("kube profile: " + e.getMessage());
        }
        return args;
    }

    /** The header of {@code -H V}, {@code -HV}, {@code -H=V} or {@code --header=V} names Authorization. */
    private static boolean authorization(String arg, List<String> args, int i) {
        String value;
        if (arg.contains("=") && !arg.startsWith("-H") || arg.startsWith("-H=")) {
            value = arg.substring(arg.indexOf('=') + 1);
        } else if (arg.startsWith("-H") && arg.length() > 2) {
            value = arg.substring(2);
        } else {
            value = i + 1 < args.size() ? args.get(i + 1) : "";
        }
        return value.toLowerCase(Locale.ROOT).startsWith("authorization");
    }
}
