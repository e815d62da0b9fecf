package dev.partnertokens.keycloak.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks offline whether strings are well-formed partner secrets (prefix, length, alphabet, CRC32 checksum), for
 * secret scanners and pre-commit hooks; needs nothing but the provider's jar and a JDK 17:
 *
 * <pre>
 * java -cp token-spi.jar dev.partnertokens.keycloak.domain.SecretFormatCheck ptk_…   # one or more arguments
 * gitleaks … | cut … | java -cp token-spi.jar dev.partnertokens.keycloak.domain.SecretFormatCheck   # one per line
 * </pre>
 *
 * Prints one line per candidate, the secret shortened to its first 8 characters; exits 0 when every candidate is
 * well formed, 1 when one is not, 2 when there was nothing to check. It never asks a server whether a key exists.
 */
public final class SecretFormatCheck {

    private static final int SHOWN = 8;

    private SecretFormatCheck() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, new InputStreamReader(System.in, StandardCharsets.UTF_8), System.out));
    }

    /** Checks the arguments, or, when there are none, every non-empty line of {@code in}; returns the exit status. */
    public static int run(String[] args, Reader in, PrintStream out) throws IOException {
        List<String> candidates = new ArrayList<>(List.of(args));
        if (candidates.isEmpty()) {
            try (BufferedReader lines = new BufferedReader(in)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        candidates.add(line.trim());
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            out.println("usage: java -cp token-spi.jar " + SecretFormatCheck.class.getName() + " <secret>… (or one per line on stdin)");
            return 2;
        }
        int status = 0;
        for (String candidate : candidates) {
            String shown = candidate.length() <= SHOWN ? candidate : candidate.substring(0, SHOWN) + "…";
            try {
                PartnerSecret.parse(candidate);
                out.println("well-formed  " + shown);
            } catch (InvalidInputException e) {
                out.println("not a secret " + shown + ": " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
