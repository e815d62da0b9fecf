package dev.partnertokens.keycloak.domain;

import java.util.regex.Pattern;

/**
 * Where a reporter found a secret (its {@code url}, {@code source} and {@code type}), made safe to write to the audit
 * trail and into an e-mail: control characters removed, anything shaped like a partner secret replaced by
 * {@code [secret]} (a reporter could put the secret itself into the URL), and each part shortened.
 */
public record LeakLocation(String url, String source, String type) {

    public static final int MAX_URL = 500;
    public static final int MAX_PART = 64;
    private static final Pattern SECRET_LIKE = Pattern.compile("ptk_[0-9A-Za-z]{20,}");

    /** The location from a report's strings, each may be {@code null} (shown as {@code unknown}). */
    public static LeakLocation of(String url, String source, String type) {
        return new LeakLocation(clean(url, MAX_URL), clean(source, MAX_PART), clean(type, MAX_PART));
    }

    private static String clean(String text, int max) {
        if (text == null || text.isBlank()) {
            return "unknown";
        }
        String safe = SECRET_LIKE.matcher(text.replaceAll("\\p{Cntrl}", "")).replaceAll("[secret]").trim();
        return safe.length() > max ? safe.substring(0, max) + "…" : safe;
    }

    /** {@code https://… (source content, type partner_tokens_secret)}. */
    public String describe() {
        return url + " (source " + source + ", type " + type + ")";
    }
}
