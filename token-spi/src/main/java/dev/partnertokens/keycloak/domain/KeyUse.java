package dev.partnertokens.keycloak.domain;

import java.util.Objects;

/**
 * What is known about a key's use: when it was last used, from which address, by which user agent, which way
 * ({@link Way}), and how many times. Two records of the same key merge as two Keycloak nodes' records do: the later
 * use wins (time, address, agent, way), counts add up.
 *
 * @param lastUsedAt epoch millis
 * @param ip         the source address, at most {@value #MAX_IP} characters, or {@code null}
 * @param userAgent  the {@code User-Agent} header, at most {@value #MAX_AGENT} characters, control characters
 *                   replaced, or {@code null}
 * @param count      how many uses this record stands for
 */
public record KeyUse(long lastUsedAt, String ip, String userAgent, Way way, long count) {

    public static final int MAX_IP = 64;
    public static final int MAX_AGENT = 255;

    /** The three ways of using a key. */
    public enum Way { TOKEN_ENDPOINT, REFRESH_TOKEN_ENDPOINT, TOKENS_API }

    public KeyUse {
        Objects.requireNonNull(way, "way");
        ip = cut(ip, MAX_IP);
        userAgent = cut(userAgent, MAX_AGENT);
    }

    /** One use. */
    public static KeyUse once(long atMillis, String ip, String userAgent, Way way) {
        return new KeyUse(atMillis, ip, userAgent, way, 1);
    }

    /** Both records as one: the later use's details, the sum of the counts. */
    public KeyUse merge(KeyUse other) {
        KeyUse later = other.lastUsedAt >= lastUsedAt ? other : this;
        return new KeyUse(later.lastUsedAt, later.ip, later.userAgent, later.way, count + other.count);
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        if (printable.length() <= max) {
            return printable;
        }
        int end = max;
        if (Character.isHighSurrogate(printable.charAt(end - 1))) {
            end--;
        }
        return printable.substring(0, end);
    }
}
