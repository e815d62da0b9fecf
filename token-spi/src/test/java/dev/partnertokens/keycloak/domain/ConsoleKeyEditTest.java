package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConsoleKeyEditTest {

    private static final Map<String, String> LIVE = Map.of("name", "payments", "rights", "VIEW", "status", "ACTIVE");
    private static final Set<String> READ_ONLY = Set.of("name", "rights");

    private static ConsoleKeyEdit.Outcome save(Map<String, String> shown, Map<String, List<String>> submitted) {
        return new ConsoleKeyEdit(shown, READ_ONLY).judge(submitted);
    }

    private static Map<String, List<String>> form(String... fieldsAndValues) {
        Map<String, List<String>> form = new HashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            form.put(fieldsAndValues[i], List.of(fieldsAndValues[i + 1]));
        }
        return form;
    }

    @Test
    void aFormSavedAsItWasLoadedChangesNothing() {
        assertThat(save(LIVE, form("name", "payments", "rights", "VIEW", "status", "ACTIVE")))
                .isEqualTo(ConsoleKeyEdit.Outcome.UNCHANGED);
        assertThat(save(LIVE, Map.of())).isEqualTo(ConsoleKeyEdit.Outcome.UNCHANGED);
    }

    @Test
    void statusSetToRevokedRevokesTheKey() {
        assertThat(save(LIVE, form("name", "payments", "rights", "VIEW", "status", "REVOKED")))
                .isEqualTo(ConsoleKeyEdit.Outcome.REVOKE);
        assertThat(save(Map.of("status", "EXPIRED"), form("status", "REVOKED"))).isEqualTo(ConsoleKeyEdit.Outcome.REVOKE);
    }

    @Test
    void aChangedReadOnlyFieldIsRefusedNamingIt() {
        assertThatThrownBy(() -> save(LIVE, form("rights", "VIEW, TRANSACT, MANAGE", "status", "REVOKED")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("rights");
                    assertThat(e.getMessage()).startsWith("Only Status can be changed here (to REVOKED): the rights");
                });
    }

    @Test
    void aRevokedOrExpiredKeyIsNeverBroughtBack() {
        for (String was : List.of("REVOKED", "EXPIRED")) {
            assertThatThrownBy(() -> save(Map.of("status", was), form("status", "ACTIVE")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("status");
                        assertThat(e.getMessage()).contains("cannot be brought back");
                    });
        }
    }

    @Test
    void aStatusThatIsNoStatusIsRefused() {
        assertThatThrownBy(() -> save(LIVE, form("status", "DELETED"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> save(LIVE, form("status", ""))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aFieldWithTwoValuesIsRefused() {
        assertThatThrownBy(() -> save(LIVE, Map.of("status", List.of("REVOKED", "ACTIVE"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("status"));
    }
}
