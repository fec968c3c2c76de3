package dev.tokenperf.reports.record;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Removes the run's secrets (the API key, credential header values) from text a server may have echoed, such as
 * an error body, before tokenperf writes it anywhere. The longest secret is replaced first, so a bearer value is
 * hidden whole rather than leaving its scheme around a redacted token.
 */
public final class Redactor {
    /** What a secret is replaced with. */
    public static final String MARK = "<redacted>";
    /** A redactor with no secrets: text passes unchanged. */
    public static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor of the non-blank {@code secrets}. */
    public static Redactor of(Collection<String> secrets) {
        return new Redactor(secrets.stream().filter(s -> s != null && !s.isBlank()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** {@code text} with every secret replaced by {@link #MARK}; null stays null. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MARK);
        }
        return result;
    }

    /** {@code r} with its error message redacted; the same record when there is nothing to hide. */
    public RequestRecord apply(RequestRecord r) {
        RequestError error = r.error();
        if (error == null || secrets.isEmpty()) {
            return r;
        }
        String message = apply(error.message());
        if (message.equals(error.message())) {
            return r;
        }
        return r.withError(new RequestError(error.kind(), error.httpStatus(), message));
    }
}
