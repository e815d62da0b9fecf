package dev.partnertokens.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of a compose file as the compose specification's interpolation reads them: {@code ${NAME}},
 * {@code ${NAME:?message}}, {@code ${NAME-default}} and the like, or {@code $NAME}; {@code $$} is a literal dollar.
 */
public final class ComposeVariables {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[?+-])((?:[^}\\\\]|\\\\.)*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** One use of a variable: its name, the operator ({@code ":?"}, {@code "-"}, ... or empty) and the text after it. */
    public record Reference(String name, String operator, String argument, String text) {

        public boolean required() {
            return operator.equals(":?");
        }
    }

    private ComposeVariables() {
    }

    public static List<Reference> references(String text) {
        List<Reference> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            if (matcher.group().equals("$$")) {
                continue;
            }
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
            String operator = matcher.group(2) == null ? "" : matcher.group(2);
            String argument = matcher.group(3) == null ? "" : matcher.group(3);
            references.add(new Reference(name, operator, argument, matcher.group()));
        }
        return references;
    }

    /**
     * {@code text} with every reference replaced by its value in {@code values}; a required variable without a value
     * fails with its message, as compose does.
     */
    public static String interpolate(String text, Map<String, String> values) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else {
                Reference reference = references(matcher.group()).get(0);
                String value = values.get(reference.name());
                boolean unset = value == null || (reference.operator().startsWith(":") && value.isEmpty());
                replacement = switch (reference.operator()) {
                    case ":?", "?" -> {
                        if (unset) {
                            throw new IllegalArgumentException(reference.argument());
                        }
                        yield value;
                    }
                    case ":-", "-" -> unset ? reference.argument() : value;
                    case ":+", "+" -> unset ? "" : reference.argument();
                    default -> value == null ? "" : value;
                };
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
