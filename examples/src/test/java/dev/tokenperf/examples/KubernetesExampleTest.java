package dev.tokenperf.examples;

import dev.tokenperf.cli.Main;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * examples/kubernetes/job.yaml is what {@code kube profile @kube-profile.args --dry-run} prints today: the same Job,
 * but for the start instant, which is "now + --start-delay" whenever it is generated.
 */
class KubernetesExampleTest {
    private static final Path DIR = Path.of("kubernetes").toAbsolutePath();
    private static final String START_AT = "tokenperf.dev/start-at";

    @Test
    @Timeout(60)
    void theManifestIsWhatKubeProfilePrints() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        assertEquals(0, cmd.execute("@" + DIR.resolve("kube-profile.args"), "--dry-run"), err.toString());

        Job expected = Serialization.unmarshal(Files.readString(DIR.resolve("job.yaml")), Job.class);
        Job generated = Serialization.unmarshal(out.toString(), Job.class);
        String startAt = expected.getMetadata().getAnnotations().get(START_AT);
        generated.getMetadata().getAnnotations().put(START_AT, startAt);
        List<String> args = generated.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertEquals("--start-at", args.get(3));
        args.set(4, startAt);
        assertEquals(expected, generated);
    }
}
