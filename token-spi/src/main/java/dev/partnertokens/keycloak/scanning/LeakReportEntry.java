package dev.partnertokens.keycloak.scanning;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnertokens.keycloak.domain.InvalidInputException;

/**
 * One match of a leak report, as GitHub's secret-scanning partner program sends it:
 * {@code {"token": "…", "type": "…", "url": "…", "source": "…"}}. Members other than these are ignored (the program
 * may add some); {@code token} is required, the others are optional strings.
 */
public record LeakReportEntry(String token, String type, String url, String source) {

    /** More matches than one report carries; GitHub batches a few. */
    public static final int MAX_ENTRIES = 1000;

    /** Thrown when a report holds more than {@value #MAX_ENTRIES} matches: answered 413. */
    public static final class TooMany extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TooMany() {
            super("A report may hold at most " + MAX_ENTRIES + " matches");
        }
    }

    /**
     * The matches of a report body already read as JSON.
     *
     * @throws InvalidInputException if the body is not an array of objects each with a string {@code token}, or a
     *                               member {@code type}, {@code url} or {@code source} is not a string
     * @throws TooMany               if it holds more than {@value #MAX_ENTRIES} matches
     */
    public static List<LeakReportEntry> listOf(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw new InvalidInputException("body", "The body must be a JSON array of {\"token\",\"type\",\"url\",\"source\"}");
        }
        if (body.size() > MAX_ENTRIES) {
            throw new TooMany();
        }
        List<LeakReportEntry> entries = new ArrayList<>(body.size());
        int index = 0;
        for (JsonNode entry : body) {
            if (!entry.isObject()) {
                throw new InvalidInputException("[" + index + "]", "Match " + index + " must be a JSON object");
            }
            JsonNode token = entry.get("token");
            if (token == null || !token.isTextual()) {
                throw new InvalidInputException("[" + index + "].token", "Match " + index + " needs a token, a string");
            }
            entries.add(new LeakReportEntry(token.asText(), optional(entry, "type", index), optional(entry, "url", index),
                    optional(entry, "source", index)));
            index++;
        }
        return entries;
    }

    private static String optional(JsonNode entry, String member, int index) {
        JsonNode value = entry.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException("[" + index + "]." + member, "Match " + index + ": " + member + " must be a string");
        }
        return value.asText();
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "LeakReportEntry[type=" + type + ", url=" + url + ", source=" + source + "]";
    }
}
