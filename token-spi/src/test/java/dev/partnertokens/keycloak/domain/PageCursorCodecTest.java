package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorCodecTest {

    private static final byte[] KEY = "cursor-signing-key-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII);
    private static final String UUID_TEXT = "123e4567-e89b-12d3-a456-426614174000";
    private static final PageCursor CURSOR =
            new PageCursor(Instant.parse("2026-01-01T10:15:30.123456789Z"), new TokenId(UUID.fromString(UUID_TEXT)));

    private static final String MALFORMED = "cursor is malformed; pass nextCursor from the previous page unchanged";
    private static final String FORGED =
            "cursor was not issued by this server or has been altered; pass nextCursor from the previous page unchanged";

    private static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    }

    private static void assertRejected(PageCursorCodec codec, String cursor, String message) {
        assertThatThrownBy(() -> codec.decode(cursor))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message)
                .extracting("field").isEqualTo("cursor");
    }

    @Nested
    class AnUnsignedCursor {

        private final PageCursorCodec codec = PageCursorCodec.unsigned();

        @Test
        void isUnpaddedBase64UrlOfAVersionedTextForm() {
            String cursor = codec.encode(CURSOR);

            assertThat(cursor).matches("[A-Za-z0-9_-]+");
            assertThat(text(cursor)).isEqualTo("v1|2026-01-01T10:15:30.123456789Z|" + UUID_TEXT);
        }

        @Test
        void decodesToTheSamePositionToTheNanosecond() {
            assertThat(codec.decode(codec.encode(CURSOR))).isEqualTo(CURSOR);
        }

        @Test
        void roundTripsAWholeSecondAndTheEpoch() {
            PageCursor whole = new PageCursor(Instant.parse("2026-01-01T00:00:00Z"), TokenId.random());
            PageCursor epoch = new PageCursor(Instant.EPOCH, TokenId.random());

            assertThat(codec.decode(codec.encode(whole))).isEqualTo(whole);
            assertThat(codec.decode(codec.encode(epoch))).isEqualTo(epoch);
        }

        @Test
        void aCursorSignedByAnotherCodecIsRejected() {
            String signed = PageCursorCodec.signed(KEY).encode(CURSOR);

            assertRejected(codec, signed, MALFORMED);
        }

        @Test
        void aHandWrittenButWellFormedCursorIsAccepted() {
            assertThat(codec.decode(base64url("v1|2026-01-01T10:15:30.123456789Z|" + UUID_TEXT))).isEqualTo(CURSOR);
        }

        @Test
        void saysItIsUnsigned() {
            assertThat(codec).hasToString("PageCursorCodec[unsigned]");
        }
    }

    @Nested
    class ASignedCursor {

        private final PageCursorCodec codec = PageCursorCodec.signed(KEY);

        @Test
        void carriesAnHmacAfterTheTextForm() {
            String text = text(codec.encode(CURSOR));

            assertThat(text).matches("v1\\|2026-01-01T10:15:30.123456789Z\\|" + UUID_TEXT + "\\|[A-Za-z0-9_-]{43}");
        }

        @Test
        void decodesToTheSamePosition() {
            assertThat(codec.decode(codec.encode(CURSOR))).isEqualTo(CURSOR);
        }

        @Test
        void isTheSameOnEveryNodeWithTheSameKey() {
            assertThat(PageCursorCodec.signed(KEY.clone()).decode(codec.encode(CURSOR))).isEqualTo(CURSOR);
        }

        @Test
        void aCursorWithAnyCharacterChangedIsRejected() {
            String cursor = codec.encode(CURSOR);
            for (int i = 0; i < cursor.length(); i++) {
                char other = cursor.charAt(i) == 'A' ? 'B' : 'A';
                String changed = cursor.substring(0, i) + other + cursor.substring(i + 1);

                assertThatThrownBy(() -> codec.decode(changed)).as("changed at %d", i).isInstanceOf(InvalidInputException.class);
            }
        }

        @Test
        void aCursorPointingElsewhereWithTheOldSignatureIsRejectedAsForged() {
            String text = text(codec.encode(CURSOR));
            String forged = text.replace(UUID_TEXT, "00000000-0000-0000-0000-000000000000");

            assertRejected(codec, base64url(forged), FORGED);
        }

        @Test
        void aCursorSignedWithAnotherKeyIsRejected() {
            byte[] otherKey = KEY.clone();
            otherKey[0] ^= 1;

            assertRejected(codec, PageCursorCodec.signed(otherKey).encode(CURSOR), FORGED);
        }

        @Test
        void anUnsignedCursorIsRejected() {
            assertRejected(codec, PageCursorCodec.unsigned().encode(CURSOR), FORGED);
        }

        @Test
        void aSignatureThatIsNotBase64UrlIsRejected() {
            String text = "v1|2026-01-01T10:15:30.123456789Z|" + UUID_TEXT + "|not base64!";

            assertRejected(codec, base64url(text), FORGED);
        }

        @Test
        void anEmptySignatureIsRejected() {
            assertRejected(codec, base64url("v1|2026-01-01T10:15:30.123456789Z|" + UUID_TEXT + "|"), FORGED);
        }

        @Test
        void keepsItsOwnCopyOfTheKey() {
            byte[] key = KEY.clone();
            PageCursorCodec copy = PageCursorCodec.signed(key);
            String cursor = copy.encode(CURSOR);
            Arrays.fill(key, (byte) 0);

            assertThat(copy.decode(cursor)).isEqualTo(CURSOR);
        }

        @Test
        void neverShowsTheKey() {
            assertThat(codec).hasToString("PageCursorCodec[signed]");
        }
    }

    @Nested
    class AMalformedCursor {

        private final PageCursorCodec codec = PageCursorCodec.unsigned();

        @Test
        void aMissingCursorIsRejected() {
            assertRejected(codec, null, "cursor must not be empty; omit it to get the first page");
        }

        @Test
        void anEmptyCursorIsRejected() {
            assertRejected(codec, "", "cursor must not be empty; omit it to get the first page");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc+def", "abc/def", "abc def", "abc=", "abc\n", "äbc", "%41%42"})
        void aCursorWithCharactersOutsideBase64UrlIsRejected(String cursor) {
            assertRejected(codec, cursor, MALFORMED);
        }

        @Test
        void aCursorWithPaddingIsRejected() {
            String cursor = Base64.getUrlEncoder().encodeToString(("v1|2026-01-01T00:00:00.5Z|" + UUID_TEXT).getBytes(StandardCharsets.US_ASCII));

            assertThat(cursor).endsWith("=");
            assertRejected(codec, cursor, MALFORMED);
        }

        @Test
        void aCursorOfImpossibleLengthIsRejected() {
            assertRejected(codec, "A", MALFORMED);
        }

        @Test
        void aVeryLongCursorIsRejectedBeforeDecoding() {
            assertRejected(codec, "A".repeat(257), MALFORMED);
        }

        @Test
        void aCursorThatDecodesToBinaryIsRejected() {
            String binary = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {'v', '1', '|', 0, (byte) 0xff, '|', 1});

            assertRejected(codec, binary, MALFORMED);
        }

        @Test
        void aCursorWithNonCanonicalTrailingBitsIsRejected() {
            String cursor = codec.encode(CURSOR);
            char last = cursor.charAt(cursor.length() - 1);
            String sameBytes = null;
            for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
                String candidate = cursor.substring(0, cursor.length() - 1) + c;
                if (c != last && Arrays.equals(Base64.getUrlDecoder().decode(candidate), Base64.getUrlDecoder().decode(cursor))) {
                    sameBytes = candidate;
                    break;
                }
            }

            assertThat(sameBytes).as("the cursor length leaves spare bits").isNotNull();
            assertRejected(codec, sameBytes, MALFORMED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"v1|2026-01-01T00:00:00Z", "v1", "hello", "v1|2026-01-01T00:00:00Z|" + UUID_TEXT + "|x",
                "v1||" + UUID_TEXT, "v1|2026-01-01T00:00:00Z|"})
        void aCursorWithTheWrongNumberOfPartsIsRejected(String text) {
            assertRejected(codec, base64url(text), MALFORMED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"v0", "v2", "V1", ""})
        void aCursorOfAnotherVersionIsRejected(String version) {
            assertRejected(codec, base64url(version + "|2026-01-01T00:00:00Z|" + UUID_TEXT),
                    "cursor version is not supported; start again from the first page");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-01-01", "2026-13-01T00:00:00Z", "yesterday", "2026-01-01T00:00:00.000Z",
                "2026-01-01T01:00:00+01:00", "1767225600", " 2026-01-01T00:00:00Z"})
        void aCursorWithABadOrNonCanonicalTimeIsRejected(String time) {
            assertRejected(codec, base64url("v1|" + time + "|" + UUID_TEXT), MALFORMED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"123E4567-E89B-12D3-A456-426614174000", "Token:123e4567-e89b-12d3-a456-426614174000",
                "1-1-1-1-1", "not-a-uuid", "123e4567-e89b-12d3-a456-42661417400z"})
        void aCursorWithABadOrNonCanonicalIdIsRejected(String id) {
            assertRejected(codec, base64url("v1|2026-01-01T00:00:00Z|" + id), MALFORMED);
        }
    }

    @Nested
    class TheSigningKey {

        @Test
        void shorterThan32BytesIsRefused() {
            assertThatIllegalArgumentException().isThrownBy(() -> PageCursorCodec.signed(new byte[31]))
                    .withMessage("cursor signing key must be at least 32 bytes");
        }

        @Test
        void mustBeGiven() {
            assertThatNullPointerException().isThrownBy(() -> PageCursorCodec.signed(null));
        }
    }

    @Nested
    class APosition {

        @Test
        void needsATimeAndAnId() {
            assertThatNullPointerException().isThrownBy(() -> new PageCursor(null, TokenId.random()));
            assertThatNullPointerException().isThrownBy(() -> new PageCursor(Instant.EPOCH, null));
        }

        @Test
        void encodingNothingIsAProgrammingError() {
            assertThatNullPointerException().isThrownBy(() -> PageCursorCodec.unsigned().encode(null));
        }
    }
}
