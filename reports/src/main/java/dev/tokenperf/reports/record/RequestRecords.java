package dev.tokenperf.reports.record;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A run's request records, in completion order, readable any number of times. A profile's records live in its
 * {@link RecordSpill} file, so a run of a million requests does not hold a million records in the heap; the run's
 * statistics and verdicts come from one pass over them (the summary package's {@code RunSummarizer}), and writing
 * {@code profile_export.jsonl} or plotting makes its own. Results read back hold theirs in a spill file too.
 */
public abstract class RequestRecords implements Iterable<RequestRecord> {
    /** No records. */
    public static final RequestRecords EMPTY = of(List.of());

    /** Records held in memory. */
    public static RequestRecords of(List<RequestRecord> records) {
        return new InMemory(List.copyOf(records));
    }

    /** How many records there are. */
    public abstract int size();

    public boolean isEmpty() {
        return size() == 0;
    }

    /** A sequential stream over the records. */
    public Stream<RequestRecord> stream() {
        return StreamSupport.stream(spliterator(), false);
    }

    /** The records that statistics are computed over: every non-warmup request. */
    public RequestRecords measured() {
        return new Filtered(this, r -> !r.warmup());
    }

    /** Every record in one list (holds them all in memory: for small runs, tests and per-request plots). */
    public List<RequestRecord> toList() {
        List<RequestRecord> list = new ArrayList<>(size());
        forEach(list::add);
        return list;
    }

    private static final class InMemory extends RequestRecords {
        private final List<RequestRecord> records;

        InMemory(List<RequestRecord> records) {
            this.records = records;
        }

        @Override
        public int size() {
            return records.size();
        }

        @Override
        public Iterator<RequestRecord> iterator() {
            return records.iterator();
        }

        @Override
        public List<RequestRecord> toList() {
            return records;
        }
    }

    /** A view of the records that pass a filter; its size is counted on first use. */
    private static final class Filtered extends RequestRecords {
        private final RequestRecords source;
        private final Predicate<RequestRecord> filter;
        private int size = -1;

        Filtered(RequestRecords source, Predicate<RequestRecord> filter) {
            this.source = source;
            this.filter = filter;
        }

        @Override
        public int size() {
            if (size < 0) {
                size = (int) source.stream().filter(filter).count();
            }
            return size;
        }

        @Override
        public Iterator<RequestRecord> iterator() {
            return source.stream().filter(filter).iterator();
        }
    }
}
