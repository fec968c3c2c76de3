package dev.tokenperf.cli;

import dev.tokenperf.profile.RunFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kube results} finds every shard the copy brought back, under whatever prefix the tar entries had. */
class KubeShardDirsTest {
    @TempDir
    Path shards;

    @Test
    void everyShardIsFoundInIndexOrder() throws IOException {
        Path job = Files.createDirectories(shards.resolve("results/run-a"));
        for (int i = 10; i >= 0; i--) {
            Files.createDirectories(job.resolve("shard-" + i));
        }
        Files.createDirectories(job.resolve("shard-x")); // not a shard
        List<Path> found = KubeResultsCommand.shardDirs(shards, 11);
        assertEquals(job.resolve("shard-0"), found.get(0));
        assertEquals(job.resolve("shard-2"), found.get(2), "by index, not by name");
        assertEquals(job.resolve("shard-10"), found.get(10));
    }

    @Test
    void aMissingShardFailsTheRun() throws IOException {
        Files.createDirectories(shards.resolve("results/run-a/shard-0"));
        RunFailedException e = assertThrows(RunFailedException.class, () -> KubeResultsCommand.shardDirs(shards, 2));
        assertTrue(e.getMessage().contains("found 1 shard results"), e.getMessage());
    }
}
