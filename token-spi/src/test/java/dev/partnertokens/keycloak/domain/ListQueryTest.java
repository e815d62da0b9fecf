package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListQueryTest {

    private static final PageCursorCodec CURSORS = PageCursorCodec.unsigned();

    private static ListQuery parse(String... nameValuePairs) {
        Map<String, List<String>> parameters = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            parameters.computeIfAbsent(nameValuePairs[i], k -> new java.util.ArrayList<>()).add(nameValuePairs[i + 1]);
        }
        return ListQuery.parse(parameters, CURSORS);
    }

    private static void assertRejected(Runnable parsing, String field, String message) {
        assertThatThrownBy(parsing::run)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message)
                .extracting("field").isEqualTo(field);
    }

    @Nested
    class NoParameters {

        @Test
        void giveTheFirstPageOfTwentyWithNoFilter() {
            ListQuery query = parse();

            assertThat(query).isEqualTo(ListQuery.firstPage());
            assertThat(query.limit()).isEqualTo(20);
            assertThat(query.name()).isNull();
            assertThat(query.createdAfter()).isNull();
            assertThat(query.createdBefore()).isNull();
            assertThat(query.updatedAfter()).isNull();
            assertThat(query.updatedBefore()).isNull();
            assertThat(query.cursor()).isNull();
        }

        @Test
        void aParameterWithNoValuesCountsAsAbsent() {
            assertThat(ListQuery.parse(Map.of("limit", List.of()), CURSORS)).isEqualTo(ListQuery.firstPage());
        }

        @Test
        void missingArgumentsAreAProgrammingError() {
            assertThatNullPointerException().isThrownBy(() -> ListQuery.parse(null, CURSORS));
            assertThatNullPointerException().isThrownBy(() -> ListQuery.parse(Map.of(), null));
        }
    }

    @Nested
    class EveryParameter {

        @Test
        void isReadIntoTheQuery() {
            PageCursor cursor = new PageCursor(Instant.parse("2026-02-01T00:00:00Z"), TokenId.random());

            ListQuery query = parse(
                    "name", " payments ",
                    "createdAfter", "2026-01-01T00:00:00Z",
                    "createdBefore", "2026-03-01T00:00:00Z",
                    "updatedAfter", "2026-01-15T12:30:00.5Z",
                    "updatedBefore", "2026-04-01T00:00:00Z",
                    "limit", "50",
                    "cursor", CURSORS.encode(cursor));

            assertThat(query).isEqualTo(new ListQuery("payments",
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"),
                    Instant.parse("2026-01-15T12:30:00.500Z"), Instant.parse("2026-04-01T00:00:00Z"),
                    50, cursor));
        }
    }

    @Nested
    class UnknownOrRepeatedParameters {

        @Test
        void anUnknownParameterIsRejectedByName() {
            assertRejected(() -> parse("sort", "name"), "sort",
                    "unknown query parameter 'sort'; allowed are name, createdAfter, createdBefore, updatedAfter, updatedBefore, limit, cursor, scope, expiringSoon");
        }

        @Test
        void parameterNamesAreCaseSensitive() {
            assertRejected(() -> parse("Limit", "5"), "Limit",
                    "unknown query parameter 'Limit'; allowed are name, createdAfter, createdBefore, updatedAfter, updatedBefore, limit, cursor, scope, expiringSoon");
        }

        @Test
        void aSnakeCaseSpellingIsUnknown() {
            assertThatThrownBy(() -> parse("created_after", "2026-01-01T00:00:00Z"))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("field").isEqualTo("created_after");
        }

        @Test
        void anUnknownParameterNameIsEchoedSafely() {
            assertThatThrownBy(() -> parse("x\nFAKE".repeat(20), "1"))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).doesNotContain("\n");
                        assertThat(((InvalidInputException) e).field()).doesNotContain("\n").hasSizeLessThanOrEqualTo(Quoted.MAX_LENGTH * "\\u000A".length() + 1);
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "createdAfter", "createdBefore", "updatedAfter", "updatedBefore", "limit", "cursor"})
        void aParameterGivenTwiceIsRejected(String parameter) {
            String value = parameter.equals("limit") ? "10" : parameter.equals("name") ? "a" : "2026-01-01T00:00:00Z";

            assertRejected(() -> parse(parameter, value, parameter, value), parameter,
                    parameter + " must be given at most once, got 2 values");
        }

        @Test
        void aParameterWithANullValueIsRejected() {
            assertRejected(() -> ListQuery.parse(Map.of("limit", Arrays.asList((String) null)), CURSORS),
                    "limit", "limit must have a value");
        }
    }

    @Nested
    class TheNameFilter {

        @Test
        void isStripped() {
            assertThat(parse("name", "\u00A0prod ").name()).isEqualTo("prod");
        }

        @Test
        void anEmptyNameIsRejected() {
            assertRejected(() -> parse("name", ""), "name", "name must not be blank");
        }

        @Test
        void aBlankNameIsRejected() {
            assertRejected(() -> parse("name", "   "), "name", "name must not be blank");
        }

        @Test
        void aNameLongerThanAnyKeyNameIsRejected() {
            assertRejected(() -> parse("name", "n".repeat(201)), "name", "name must be at most 200 characters, got 201");
        }

        @Test
        void aNameWithAControlCharacterIsRejected() {
            assertRejected(() -> parse("name", "a\u0000"), "name",
                    "name must not contain control characters, line breaks or direction overrides (found U+0000 at position 2)");
        }

        @Test
        void aNameWithALineSeparatorIsRejected() {
            assertThatThrownBy(() -> parse("name", "a\u2028b")).isInstanceOf(InvalidInputException.class);
        }
    }

    @Nested
    class TimeBounds {

        @ParameterizedTest
        @ValueSource(strings = {"createdAfter", "createdBefore", "updatedAfter", "updatedBefore"})
        void aMalformedInstantIsRejectedNamingTheParameter(String parameter) {
            assertRejected(() -> parse(parameter, "yesterday"), parameter,
                    parameter + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got 'yesterday'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-01-01", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-02-30T00:00:00Z", "1767225600", "", " 2026-01-01T00:00:00Z"})
        void aDateOrLocalTimeOrNumberIsNotAnInstant(String text) {
            assertThatThrownBy(() -> parse("createdAfter", text))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("createdAfter must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got ");
        }

        @Test
        void anInstantWithAnOffsetIsReadAsTheSameMoment() {
            assertThat(parse("createdAfter", "2026-01-01T01:00:00+01:00").createdAfter())
                    .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        }

        @Test
        void aPlusSignTurnedIntoASpaceByUrlDecodingIsRejected() {
            assertThatThrownBy(() -> parse("createdAfter", "2026-01-01T01:00:00 01:00"))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("field").isEqualTo("createdAfter");
        }

        @Test
        void createdAfterEqualToCreatedBeforeIsAnEmptyWindowAndRejected() {
            assertRejected(() -> parse("createdAfter", "2026-01-01T00:00:00Z", "createdBefore", "2026-01-01T00:00:00Z"),
                    "createdAfter", "createdAfter must be earlier than createdBefore");
        }

        @Test
        void createdAfterLaterThanCreatedBeforeIsRejected() {
            assertRejected(() -> parse("createdAfter", "2026-02-01T00:00:00Z", "createdBefore", "2026-01-01T00:00:00Z"),
                    "createdAfter", "createdAfter must be earlier than createdBefore");
        }

        @Test
        void updatedAfterLaterThanUpdatedBeforeIsRejected() {
            assertRejected(() -> parse("updatedAfter", "2026-02-01T00:00:00Z", "updatedBefore", "2026-01-01T00:00:00Z"),
                    "updatedAfter", "updatedAfter must be earlier than updatedBefore");
        }

        @Test
        void createdAndUpdatedWindowsAreIndependent() {
            ListQuery query = parse("createdAfter", "2026-02-01T00:00:00Z", "updatedBefore", "2026-01-01T00:00:00Z");

            assertThat(query.createdAfter()).isAfter(query.updatedBefore());
        }
    }

    @Nested
    class TheLimit {

        @ParameterizedTest
        @ValueSource(strings = {"1", "20", "99", "100"})
        void aLimitFromOneToOneHundredIsAccepted(String limit) {
            assertThat(parse("limit", limit).limit()).isEqualTo(Integer.parseInt(limit));
        }

        @Test
        void leadingZerosAndAPlusSignAreTolerated() {
            assertThat(parse("limit", "007").limit()).isEqualTo(7);
            assertThat(parse("limit", "+7").limit()).isEqualTo(7);
        }

        @Test
        void limitAboveOneHundredIsRejected() {
            assertRejected(() -> parse("limit", "101"), "limit", "limit must be between 1 and 100, got 101");
        }

        @Test
        void limitZeroIsRejected() {
            assertRejected(() -> parse("limit", "0"), "limit", "limit must be between 1 and 100, got 0");
        }

        @Test
        void aNegativeLimitIsRejected() {
            assertRejected(() -> parse("limit", "-5"), "limit", "limit must be between 1 and 100, got -5");
        }

        @Test
        void aLimitTooBigForAnIntegerIsRejectedAsOutOfRange() {
            assertRejected(() -> parse("limit", "99999999999999999999"), "limit",
                    "limit must be between 1 and 100, got '99999999999999999999'");
        }

        @Test
        void aVeryLongRunOfLeadingZerosStillReadsAsTheNumber() {
            assertThat(parse("limit", "0".repeat(50) + "42").limit()).isEqualTo(42);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ten", "", " 10", "10 ", "1e2", "10.0", "0x10", "-", "１０"})
        void aNonNumericLimitIsRejected(String limit) {
            assertThatThrownBy(() -> parse("limit", limit))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("limit must be a whole number between 1 and 100, got '")
                    .extracting("field").isEqualTo("limit");
        }

        @Test
        void aQueryBuiltInCodeChecksTheLimitToo() {
            assertRejected(() -> new ListQuery(null, null, null, null, null, 101, null), "limit",
                    "limit must be between 1 and 100, got 101");
        }
    }

    @Nested
    class TheCursor {

        @Test
        void isDecodedWithTheGivenCodec() {
            PageCursor cursor = new PageCursor(Instant.parse("2026-01-01T00:00:00Z"), TokenId.random());
            PageCursorCodec signing = PageCursorCodec.signed(new byte[32]);

            assertThat(ListQuery.parse(Map.of("cursor", List.of(signing.encode(cursor))), signing).cursor()).isEqualTo(cursor);
        }

        @Test
        void aMalformedCursorIsRejected() {
            assertRejected(() -> parse("cursor", "not a cursor"), "cursor",
                    "cursor is malformed; pass nextCursor from the previous page unchanged");
        }

        @Test
        void anEmptyCursorIsRejected() {
            assertRejected(() -> parse("cursor", ""), "cursor", "cursor must not be empty; omit it to get the first page");
        }

        @Test
        void anUnsignedCursorIsRejectedWhenCursorsAreSigned() {
            String unsigned = CURSORS.encode(new PageCursor(Instant.EPOCH, TokenId.random()));

            assertThatThrownBy(() -> ListQuery.parse(Map.of("cursor", List.of(unsigned)), PageCursorCodec.signed(new byte[32])))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("field").isEqualTo("cursor");
        }
    }
}
