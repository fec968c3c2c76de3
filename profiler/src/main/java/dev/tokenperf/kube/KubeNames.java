package dev.tokenperf.kube;

import java.util.regex.Pattern;

/**
 * The forms Kubernetes accepts for what {@code tokenperf kube} names, checked before any API call so a bad flag
 * costs no round trip. Each check throws an {@link IllegalArgumentException} whose message names the flag.
 */
public final class KubeNames {
    /**
     * The longest Job name: an Indexed Job's pods are named and host-named {@code JOB-INDEX-xxxxx}, and a host name
     * has at most 63 characters.
     */
    public static final int MAX_JOB_NAME = 50;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    /** A plain decimal quantity with an optional binary or decimal suffix: 2, 500m, 1.5, 4Gi, 512M. */
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    /** The default key in the API key Secret: {@code kubectl create secret generic NAME --from-literal=api-key=...}. */
    public static final String DEFAULT_SECRET_KEY = "api-key";

    private KubeNames() {
    }

    /** A DNS-1123 label of at most {@code max} characters: Job, namespace, Secret and claim names. */
    public static String requireName(String value, String flag, int max) {
        if (value == null || value.length() > max || !LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(flag + " must be lower-case letters, digits and '-', starting and "
                    + "ending with a letter or digit, at most " + max + " characters; got '" + value + "'");
        }
        return value;
    }

    /** A resource quantity, or null when the flag was not given. */
    public static String requireQuantity(String value, String flag) {
        if (value != null && !QUANTITY.matcher(value).matches()) {
            throw new IllegalArgumentException(flag + " must be a Kubernetes quantity such as 2, 500m, 4Gi or 512M; "
                    + "got '" + value + "'");
        }
        return value;
    }

    /** {@code NAME[:KEY]} of {@code --api-key-secret}; the key defaults to {@value #DEFAULT_SECRET_KEY}. */
    public static KubeJobSpec.SecretKey secretKey(String value, String flag) {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        String key = colon < 0 ? DEFAULT_SECRET_KEY : value.substring(colon + 1);
        requireName(name, flag + " NAME", 253);
        if (!SECRET_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(flag + " KEY must be letters, digits, '-', '_' or '.'; got '" + key
                    + "'");
        }
        return new KubeJobSpec.SecretKey(name, key);
    }
}
