package dev.partnertokens.keycloak.domain;

/**
 * How many keys one call of the bulk path creates, how they are named, and how many of their secrets the answer
 * shows (docs/operations.md, "Seeding many keys").
 *
 * <p>A bulk call is for load tests and migrations, not for people: it creates {@code count} keys named
 * {@code <namePrefix>-1} … {@code <namePrefix>-<count>}, and shows the secrets of the first {@code secretsShown} of
 * them once — enough for a benchmark to authenticate with a few keys, few enough that a big answer does not carry
 * thousands of secrets.
 *
 * @param count        keys to create, 1 to {@value #MAX_COUNT}
 * @param secretsShown secrets to show, 0 to {@value #MAX_SECRETS_SHOWN} and at most {@code count}
 * @param namePrefix   a key name ({@link KeyName}) short enough that {@code <namePrefix>-<count>} is one too
 */
public record BulkKeyOrder(int count, int secretsShown, KeyName namePrefix) {

    /** Most keys one call creates: a call that big takes tens of seconds; more keys take more calls. */
    public static final int MAX_COUNT = 10_000;
    /** Most secrets one answer shows. */
    public static final int MAX_SECRETS_SHOWN = 100;

    public BulkKeyOrder {
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidInputException("count", "count must be a whole number from 1 to " + MAX_COUNT + ", got " + count);
        }
        if (secretsShown < 0 || secretsShown > Math.min(MAX_SECRETS_SHOWN, count)) {
            throw new InvalidInputException("secrets", "secrets must be a whole number from 0 to "
                    + Math.min(MAX_SECRETS_SHOWN, count) + " (at most " + MAX_SECRETS_SHOWN + " and at most count), got " + secretsShown);
        }
        java.util.Objects.requireNonNull(namePrefix, "namePrefix");
        int longest = namePrefix.value().codePointCount(0, namePrefix.value().length()) + 1 + String.valueOf(count).length();
        if (longest > KeyName.MAX_LENGTH) {
            throw new InvalidInputException("namePrefix", "namePrefix must leave room for '-" + count + "': at most "
                    + (KeyName.MAX_LENGTH - 1 - String.valueOf(count).length()) + " characters");
        }
    }

    /** The name of the {@code n}-th key of the call, counted from 1. */
    public KeyName nameOf(int n) {
        if (n < 1 || n > count) {
            throw new IllegalArgumentException("key " + n + " of " + count);
        }
        return new KeyName(namePrefix.value() + "-" + n);
    }

    /** Whether the answer shows the secret of the {@code n}-th key, counted from 1. */
    public boolean showsSecretOf(int n) {
        return n <= secretsShown;
    }
}
