package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

    @Nested
    class AnInvalidInput {

        @Test
        void namesItsFieldAndKeepsItsMessage() {
            InvalidInputException e = new InvalidInputException("limit", "limit must be between 1 and 100, got 0");

            assertThat(e.field()).isEqualTo("limit");
            assertThat(e).hasMessage("limit must be between 1 and 100, got 0").isInstanceOf(RuntimeException.class);
        }

        @Test
        void needsAFieldAndAMessage() {
            assertThatNullPointerException().isThrownBy(() -> new InvalidInputException(null, "m"));
            assertThatNullPointerException().isThrownBy(() -> new InvalidInputException("f", null));
        }
    }
}
