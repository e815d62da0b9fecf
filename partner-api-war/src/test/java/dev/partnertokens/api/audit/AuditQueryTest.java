package dev.partnertokens.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuditQueryTest {

    @Test
    void withoutParametersTheFirstTwentyEntriesAreAskedFor() {
        AuditQuery query = AuditQuery.parse(Map.of());
        assertThat(query.limit()).isEqualTo(20);
        assertThat(query.from()).isNull();
        assertThat(query.cursor()).isNull();
    }

    @Test
    void everyFilterIsRead() {
        String cursor = new AuditCursor(Instant.parse("2026-11-22T10:00:00Z"), "0b9f4b7e-4f1a-4c1e-9d1e-1b2c3d4e5f60").encode();
        AuditQuery query = AuditQuery.parse(Map.of("from", List.of("2026-11-01T00:00:00Z"), "to", List.of("2026-12-01T00:00:00Z"),
                "action", List.of("EDIT"), "limit", List.of("100"), "cursor", List.of(cursor)));
        assertThat(query.action()).isEqualTo(AuditAction.EDIT);
        assertThat(query.limit()).isEqualTo(100);
        assertThat(query.cursor().id()).isEqualTo("0b9f4b7e-4f1a-4c1e-9d1e-1b2c3d4e5f60");
        assertThat(query.cursor().at()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void aBadParameterIsNamed() {
        assertBad(Map.of("from", List.of("yesterday")), "from");
        assertBad(Map.of("to", List.of("2026-13-01")), "to");
        assertBad(Map.of("from", List.of("2026-12-01T00:00:00Z"), "to", List.of("2026-11-01T00:00:00Z")), "from");
        assertBad(Map.of("action", List.of("DELETE")), "action");
        assertBad(Map.of("limit", List.of("0")), "limit");
        assertBad(Map.of("limit", List.of("101")), "limit");
        assertBad(Map.of("limit", List.of("ten")), "limit");
        assertBad(Map.of("cursor", List.of("!!")), "cursor");
        assertBad(Map.of("cursor", List.of("bm90IGEgY3Vyc29y")), "cursor");
        assertBad(Map.of("limit", List.of("1", "2")), "limit");
        assertBad(Map.of("colour", List.of("red")), "query");
    }

    private static void assertBad(Map<String, List<String>> parameters, String parameter) {
        assertThatThrownBy(() -> AuditQuery.parse(parameters))
                .isInstanceOfSatisfying(AuditQuery.BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo(parameter));
    }
}
