package dev.partnertokens.benchmark;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one top-level string field from a small JSON answer; enough for the benchmark, JDK only. */
final class JsonFields {

    private JsonFields() {
    }

    static Optional<String> string(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(json);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static boolean has(String json, String field) {
        return json.contains("\"" + field + "\"");
    }
}
