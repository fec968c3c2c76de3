package dev.tokenperf.kube;

import dev.tokenperf.cli.CliRun;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad {@code kube profile} flags are refused with exit 2 and one line naming the flag, before any API call: there is
 * no API server here (the client would fail with exit 1 if it tried one).
 */
@Timeout(30)
class KubeUsageTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--workers         | 0                  | --workers must be >= 1",
            "--namespace       | Bench_1            | --namespace must be lower-case",
            "--name            | Run.A              | --name must be lower-case",
            "--results-pvc     | -claim             | --results-pvc must be lower-case",
            "--cpu-request     | 2cores             | --cpu-request must be a Kubernetes quantity",
            "--memory-limit    | 4GB                | --memory-limit must be a Kubernetes quantity",
            "--api-key-secret  | key:a/b            | --api-key-secret KEY must be",
            "--start-delay     | -1                 | --start-delay must be >= 0",
            "--api-key         | sk-123             | --api-key would write the key into the Job",
            "-H                | Authorization: x   | an Authorization header would write the key",
            "-Hauthorization:x | --streaming        | an Authorization header would write the key",
            "--output-dir      | /tmp/x             | --output-dir is set for each pod by kube profile",
            "--config          | run.yaml           | --config names a file on this machine",
            "--request-count   | many               | kube profile: Invalid value for option '--request-count'",
    })
    void aBadFlagIsNamed(String flag, String value, String message) {
        List<String> args = new ArrayList<>(List.of("kube", "profile", "--dry-run", "--workers", "2", "--image",
                "i", "--results-pvc", "claim", "--url", "http://vllm:8000"));
        args.addAll(List.of(flag, value));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("", run.out());
    }
}
