package dev.partnertokens.keycloak.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PartnerKeyClientsTest {

    @Nested
    class TheClientsDisplayName {

        @Test
        void isTheKeysNameWhenItFitsKeycloaksColumn() {
            assertThat(PartnerKeyClients.displayName("Payments")).isEqualTo("Payments");
            assertThat(PartnerKeyClients.displayName("é".repeat(200))).isEqualTo("é".repeat(200));
        }

        @Test
        void isCutToFitKeycloaksColumnCountedInUtf16Units() {
            String emoji = "\uD83D\uDE00";

            String shown = PartnerKeyClients.displayName(emoji.repeat(200));

            assertThat(shown.length()).isLessThanOrEqualTo(PartnerKeyClients.CLIENT_NAME_LENGTH);
            assertThat(shown).endsWith("\u2026").startsWith(emoji.repeat(126));
            assertThat(shown.codePoints().filter(c -> Character.getType(c) == Character.SURROGATE).count()).isZero();
        }

        @Test
        void neverSplitsACharacter() {
            String name = "a" + "\uD83D\uDE00".repeat(199);

            String shown = PartnerKeyClients.displayName(name);

            assertThat(shown.codePoints().filter(c -> Character.getType(c) == Character.SURROGATE).count()).isZero();
            assertThat(shown.length()).isLessThanOrEqualTo(PartnerKeyClients.CLIENT_NAME_LENGTH);
        }
    }
}
