package dev.partnertokens.keycloak.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an administrator may do to a partner key on the admin console's partner-keys page (ADR 9): nothing but set its
 * Status to {@code REVOKED}. The page's form sends every field back on Save; a field that is sent with another value
 * than the key has is refused, so is a Status other than {@code REVOKED} (a revoked or expired key is never brought
 * back). Fields that are not sent are left as they are.
 */
public final class ConsoleKeyEdit {

    public static final String STATUS = "status";
    public static final String REVOKED = "REVOKED";

    /** The outcome of a valid edit. */
    public enum Outcome {
        /** Nothing changes: every field as it is. */
        UNCHANGED,
        /** The key is to be revoked. */
        REVOKE
    }

    private final Map<String, String> shown;
    private final Set<String> readOnly;

    /**
     * @param shown    the key's fields as the page shows them now, by field name
     * @param readOnly the names of the fields that cannot be changed here
     */
    public ConsoleKeyEdit(Map<String, String> shown, Set<String> readOnly) {
        this.shown = Map.copyOf(shown);
        this.readOnly = Set.copyOf(readOnly);
    }

    /**
     * Judges the fields an administrator saved.
     *
     * @param submitted the form's fields, each with its values as the console sends them (a list, usually of one)
     * @throws InvalidInputException naming the field, when the edit changes something that cannot be changed here
     */
    public Outcome judge(Map<String, List<String>> submitted) {
        for (String field : readOnly) {
            String value = single(field, submitted.get(field));
            if (value != null && !value.equals(shown.get(field))) {
                throw new InvalidInputException(field, "Only Status can be changed here (to REVOKED): the " + field
                        + " of a key is changed by the Owners of its partner on the dashboard or with the tokens API.");
            }
        }
        String status = single(STATUS, submitted.get(STATUS));
        if (status == null || status.equals(shown.get(STATUS))) {
            return Outcome.UNCHANGED;
        }
        if (!REVOKED.equals(status)) {
            throw new InvalidInputException(STATUS, "Status can only be set to REVOKED: a revoked or expired key cannot "
                    + "be brought back; its partner makes a new one.");
        }
        return Outcome.REVOKE;
    }

    private static String single(String field, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidInputException(field, "The " + field + " field takes one value, got " + values.size() + ".");
        }
        return Objects.requireNonNullElse(values.get(0), "");
    }
}
