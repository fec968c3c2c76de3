package dev.tokenperf.workloads.dataset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetTypeTest {

    @Test
    void aiperfsNamesAndTheOlderHyphenatedOnesBothName() {
        assertEquals(DatasetType.SINGLE_TURN, DatasetType.fromOption("single_turn"));
        assertEquals(DatasetType.SINGLE_TURN, DatasetType.fromOption("single-turn"));
        assertEquals(DatasetType.MOONCAKE_TRACE, DatasetType.fromOption("mooncake_trace"));
        assertEquals(DatasetType.MOONCAKE_TRACE, DatasetType.fromOption("mooncake-trace"));
        assertEquals(DatasetType.SHAREGPT, DatasetType.fromOption("sharegpt"));
        assertEquals("mooncake_trace", DatasetType.MOONCAKE_TRACE.option());
    }

    @Test
    void anUnknownNameListsAiperfsNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetType.fromOption("csv"));
        assertEquals("--custom-dataset-type 'csv' is not one of single_turn, multi_turn, sharegpt, mooncake_trace", e.getMessage());
    }
}
