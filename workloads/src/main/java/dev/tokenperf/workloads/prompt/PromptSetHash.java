package dev.tokenperf.workloads.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over a run's prompts, in the order they are sent, so that two results can tell whether they
 * measured the same prompt set. Each prompt is length-prefixed, so ("ab", "c") and ("a", "bc") differ.
 */
public final class PromptSetHash {
    private final MessageDigest digest;
    private long count;

    public PromptSetHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }

    /** Adds the next prompt of the set. */
    public void add(String prompt) {
        byte[] bytes = prompt.getBytes(StandardCharsets.UTF_8);
        long length = bytes.length;
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (length >>> shift));
        }
        digest.update(bytes);
        count++;
    }

    /** Prompts added so far. */
    public long count() {
        return count;
    }

    /** The hash as lowercase hex; the object must not be used afterwards. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
