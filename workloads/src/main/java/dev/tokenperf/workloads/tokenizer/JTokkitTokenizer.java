package dev.tokenperf.workloads.tokenizer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

import java.util.Objects;

/**
 * The embedded default: OpenAI's {@code o200k_base} encoding from JTokkit, pure Java and inside the jar, so it
 * works offline. Special-token text such as {@code <|endoftext|>} is encoded as ordinary text.
 */
public final class JTokkitTokenizer implements Tokenizer {
    /** The encoding's name, as shown to users. */
    public static final String NAME = "o200k_base";

    /**
     * One encoding per JVM, loaded on first use: it is immutable and about 32 MiB of heap, and a profile run can
     * hold several tokenizers at once (its own, and the in-process emulator's of the client warmup or --emulate).
     */
    private static final class Shared {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    private final Encoding encoding = Shared.ENCODING;

    /**
     * Starts loading the encoding on a daemon thread and returns: its half second or more of parsing then overlaps
     * the caller's own start-up work, and a first use waits only for what is left.
     */
    public static void loadInBackground() {
        Thread loader = new Thread(() -> {
            try {
                Objects.requireNonNull(Shared.ENCODING);
            } catch (Throwable e) {
                // the first use on the caller's thread fails the same way and reports it there
            }
        }, "tokenizer-load");
        loader.setDaemon(true);
        loader.start();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isEmbeddedDefault() {
        return true;
    }

    @Override
    public int[] encode(String text) {
        return encoding.encodeOrdinary(text).toArray();
    }

    @Override
    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }

    @Override
    public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        return encoding.decode(list);
    }
}
