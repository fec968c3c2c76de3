package dev.tokenperf.cli;

import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorTiming;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** https: a self-signed server is refused unless --insecure, and then profiled like any other. */
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @Test
    void selfSignedServerNeedsInsecure(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "emulator", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost").redirectErrorStream(true).start();
        String keytoolOutput = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), keytoolOutput);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SslContext tls = SslContextBuilder.forServer(kmf).build();

        try (EmulatorServer server = EmulatorServer.start(new EmulatorTiming(1_000_000, 0, 1_000_000, 1, 8, "tls-m"),
                0, 1, tls)) {
            String url = "https://127.0.0.1:" + server.port();
            CliRun verified = CliRun.of("profile", "--url", url, "--model", "tls-m", "--streaming",
                    "--request-count", "2", "--isl", "4", "--output-dir", dir.resolve("refused").toString());
            assertEquals(ExitCodes.RUN_FAILED, verified.exitCode(), verified.out());
            assertTrue(verified.err().contains("cannot connect") && verified.err().contains("certification path")
                    && verified.err().contains("pass --insecure"),
                    verified.err());

            CliRun insecure = CliRun.of("profile", "--url", url, "--streaming", "--insecure",
                    "--request-count", "4", "--concurrency", "2", "--isl", "4", "--osl", "3",
                    "--output-dir", dir.resolve("ok").toString());
            assertEquals(0, insecure.exitCode(), insecure.err());
            assertTrue(Files.readString(dir.resolve("ok/profile_export_aiperf.json")).contains("\"request_count\""));
            assertEquals(4, Files.readAllLines(dir.resolve("ok/profile_export.jsonl")).size());
        }
    }

    @Test
    void httpsAgainstAPlainServerSaysToUseHttp(@TempDir Path dir) throws Exception {
        try (EmulatorServer server = EmulatorServer.start(new EmulatorTiming(1_000_000, 0, 1_000_000, 1, 8, "m"),
                0, 1, (SslContext) null)) {
            CliRun run = CliRun.of("profile", "--url", "https://127.0.0.1:" + server.port(), "--model", "m",
                    "--request-count", "1", "--isl", "4", "--output-dir", dir.toString());
            assertEquals(ExitCodes.RUN_FAILED, run.exitCode(), run.out());
            assertTrue(run.err().contains("use an http:// URL"), run.err());
        }
    }
}
