package dev.partnertokens.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The partner's address: the connection's, or what a declared proxy forwarded; never what anyone else claims. */
class ClientAddressTest {

    @Test
    void withoutDeclaredProxiesTheConnectionIsTheClientWhateverTheHeaderSays() {
        ClientAddress none = ClientAddress.trusting("");
        assertThat(none.of("198.51.100.9", List.of("203.0.113.7"))).isEqualTo("198.51.100.9");
        assertThat(none.of("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void aDeclaredProxysForwardedAddressCounts() {
        ClientAddress proxies = ClientAddress.trusting("10.0.0.0/8, 127.0.0.3");
        assertThat(proxies.of("127.0.0.3", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(proxies.of("10.1.2.3", List.of("203.0.113.7:4711"))).isEqualTo("203.0.113.7");
        assertThat(proxies.of("10.1.2.3", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(proxies.of("127.0.0.3", List.of())).as("no header: the proxy itself").isEqualTo("127.0.0.3");
        assertThat(proxies.of("127.0.0.4", List.of("203.0.113.7"))).as("not declared").isEqualTo("127.0.0.4");
    }

    @Test
    void theChainIsReadFromTheRightSoAClientCannotPutAnAddressInFront() {
        ClientAddress proxies = ClientAddress.trusting("10.0.0.0/8");
        // the client sent "X-Forwarded-For: 203.0.113.7"; the proxies appended the real address and their own
        assertThat(proxies.of("10.0.0.1", List.of("203.0.113.7, 198.51.100.9, 10.0.0.2"))).isEqualTo("198.51.100.9");
        assertThat(proxies.of("10.0.0.1", List.of("203.0.113.7", "198.51.100.9"))).isEqualTo("198.51.100.9");
        assertThat(proxies.of("10.0.0.1", List.of("garbage, 10.0.0.2"))).as("an unreadable hop ends at the last proxy")
                .isEqualTo("10.0.0.2");
        assertThat(proxies.of("10.0.0.1", List.of("localhost"))).as("a name is never looked up").isEqualTo("10.0.0.1");
    }

    @Test
    void aBadSettingIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> ClientAddress.trusting("10.0.0.0/8, proxy.example"))
                .hasMessageContaining("partner-api.trusted-proxies").hasMessageContaining("'proxy.example'");
        assertThatThrownBy(() -> ClientAddress.trusting("10.0.0.0/33")).hasMessageContaining("prefix");
    }
}
