package dev.tokenperf.reports.load;

import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.ledger.LedgerEntries;
import dev.tokenperf.reports.ledger.LedgerEntry;
import dev.tokenperf.reports.ledger.LedgerLabels;
import dev.tokenperf.reports.record.GpuEnergy;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's GPU energy survives its result directory: re-reading, re-summarising and the ledger keep it. */
class GpuEnergyRoundTripTest {

    @Test
    void theEnergyRecordIsReadBackAsWritten(@TempDir Path dir) throws Exception {
        GpuEnergy energy = new GpuEnergy(List.of(new GpuEnergy.Gpu("0", 120.5, true, 90, 2.0),
                new GpuEnergy.Gpu("1", 60.25, false, 45.5, 2.0)), 321,
                List.of(new GpuEnergy.Sample(1_000, 0, 100), new GpuEnergy.Sample(1_000_001_000, 90.5, 135.5),
                        new GpuEnergy.Sample(2_000_001_000, 180.75, 120)));
        RunResult run = SyntheticRuns.run(20, 7).withGpuEnergy(energy);
        ResultWriter.write(RunSummarizer.summarize(run), dir);

        SavedResult saved = ResultReader.read(dir);
        assertEquals(energy, saved.result().gpuEnergy());
        assertEquals(180.75 / 3600, saved.value("gpu_energy", "avg").orElseThrow(), 1e-12);
        assertEquals(saved.value("co2_emissions", "avg").orElseThrow(),
                saved.recompute().value("co2_emissions", "avg").orElseThrow(), 1e-15, "recomputed the same");
        LedgerEntry row = LedgerEntries.ofSaved(saved, new LedgerLabels(null, null, null));
        assertEquals(new LedgerEntry.Energy(180.75, 321), row.energy());
        assertTrue(ResultReader.read(writeWithout(dir.resolve("none"))).result().gpuEnergy().isEmpty());
    }

    private static Path writeWithout(Path dir) throws Exception {
        ResultWriter.write(RunSummarizer.summarize(SyntheticRuns.run(5, 1)), dir);
        return dir;
    }
}
