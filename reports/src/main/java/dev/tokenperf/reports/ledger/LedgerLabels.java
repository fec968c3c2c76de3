package dev.tokenperf.reports.ledger;

/**
 * The ledger's descriptive columns, given by the user ({@code --model-class}, {@code --task},
 * {@code --reasoning-state}); empty when not given.
 */
public record LedgerLabels(String modelClass, String task, String reasoningState) {
    public static final LedgerLabels NONE = new LedgerLabels("", "", "");

    public LedgerLabels {
        modelClass = modelClass == null ? "" : modelClass;
        task = task == null ? "" : task;
        reasoningState = reasoningState == null ? "" : reasoningState;
    }
}
