package dev.partnertokens.keycloak.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AllowedNetworksTest {

    @Test
    void networksAreStoredCanonicalSortedAndOnce() {
        AllowedNetworks networks = AllowedNetworks.parse(List.of("2001:DB8:0:0::/32", " 203.0.113.7 ", "10.0.0.0/8",
                "2001:db8::/32", "::1", "203.0.113.7/32", "fe80:0:0:0:0:0:0:0/10", "2001:db8:0:1:0:0:0:1"));
        assertThat(networks.entries()).containsExactly("10.0.0.0/8", "203.0.113.7/32", "::1/128", "2001:db8::/32",
                "2001:db8:0:1::1/128", "fe80::/10");
        assertThat(AllowedNetworks.fromStored(networks.toStored())).isEqualTo(networks);
        assertThat(networks.toStored()).isEqualTo("10.0.0.0/8 203.0.113.7/32 ::1/128 2001:db8::/32 2001:db8:0:1::1/128 fe80::/10");
    }

    @Test
    void ipv6IsWrittenAsRfc5952Says() {
        assertThat(canonical("0:0:0:0:0:0:0:0/0")).isEqualTo("::/0");
        assertThat(canonical("2001:0db8:0000:0000:0001:0000:0000:0001")).isEqualTo("2001:db8::1:0:0:1/128");
        assertThat(canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1/128"); // one zero group stays
        assertThat(canonical("1:0:0:2:0:0:0:0/64")).isEqualTo("1:0:0:2::/64");
        assertThat(canonical("::1.2.3.4")).isEqualTo("::102:304/128");
    }

    @Test
    void noAllowlistAllowsEveryAddress() {
        AllowedNetworks anywhere = AllowedNetworks.parse(List.of());
        assertThat(anywhere.isAnywhere()).isTrue();
        assertThat(anywhere.toStored()).isNull();
        assertThat(AllowedNetworks.fromStored(null)).isEqualTo(anywhere);
        assertThat(anywhere.allows("198.51.100.1")).isTrue();
        assertThat(anywhere.allows(null)).isTrue();
    }

    @Test
    void anAllowlistAllowsOnlyAddressesInItsNetworks() {
        AllowedNetworks networks = AllowedNetworks.parse(List.of("127.0.0.1", "203.0.113.0/24", "2001:db8::/32"));
        assertThat(networks.allows("127.0.0.1")).isTrue();
        assertThat(networks.allows("127.0.0.2")).isFalse();
        assertThat(networks.allows("203.0.113.255")).isTrue();
        assertThat(networks.allows("203.0.114.0")).isFalse();
        assertThat(networks.allows("2001:db8:ffff::9")).isTrue();
        assertThat(networks.allows("[2001:DB8::1]")).isTrue();
        assertThat(networks.allows("2001:db9::1")).isFalse();
        assertThat(networks.allows("::1")).as("IPv6 loopback is not 127.0.0.1").isFalse();
        assertThat(networks.allows(null)).as("an unknown address").isFalse();
        assertThat(networks.allows("")).isFalse();
        assertThat(networks.allows("localhost")).as("a name is never looked up").isFalse();
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4AddressItCarries() {
        AllowedNetworks networks = AllowedNetworks.parse(List.of("203.0.113.0/24"));
        assertThat(networks.allows("::ffff:203.0.113.9")).isTrue();
        assertThat(networks.allows("0:0:0:0:0:ffff:cb00:7109")).isTrue();
        assertThat(networks.allows("::ffff:198.51.100.9")).isFalse();
        assertThatThrownBy(() -> AllowedNetworks.parse(List.of("::ffff:203.0.113.0/120")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("IPv4-mapped")
                .hasMessageContaining("'::ffff:203.0.113.0/120'");
    }

    @Test
    void ipv6LoopbackIsItsOwnNetwork() {
        AllowedNetworks loopback = AllowedNetworks.parse(List.of("::1"));
        assertThat(loopback.allows("::1")).isTrue();
        assertThat(loopback.allows("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(loopback.allows("127.0.0.1")).isFalse();
    }

    @Test
    void theWholeOfOneFamilyIsAllowedButOnlyThatFamily() {
        AllowedNetworks everyIpv4 = AllowedNetworks.parse(List.of("0.0.0.0/0"));
        assertThat(everyIpv4.allows("198.51.100.1")).isTrue();
        assertThat(everyIpv4.allows("2001:db8::1")).isFalse();
        assertThat(AllowedNetworks.parse(List.of("::/0")).allows("2001:db8::1")).isTrue();
    }

    @Test
    void hostBitsPastThePrefixAreRefusedNamingBothReadings() {
        assertThatThrownBy(() -> AllowedNetworks.parse(List.of("10.0.0.0/8", "10.1.2.3/24")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'10.1.2.3/24'").hasMessageContaining("10.1.2.0/24").hasMessageContaining("10.1.2.3/32")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("allowedNetworks");
        assertThatThrownBy(() -> AllowedNetworks.parse(List.of("2001:db8::1/32")))
                .hasMessageContaining("2001:db8::/32").hasMessageContaining("2001:db8::1/128");
    }

    @Test
    void garbageIsRefusedNamingTheEntry() {
        for (String bad : List.of("", " ", "garbage", "example.com", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1",
                "01.2.3.4", "1.2.3.4/33", "1.2.3.4/-1", "1.2.3.4/", "1.2.3.4/08", "::1/129", "2001:db8::g",
                "2001:db8:::1", "fe80::1%eth0", "1.2.3.4/24/8", "[::1]", "1:2:3:4:5:6:7:8:9", "0x7f.0.0.1", "٣.1.1.1")) {
            assertThatThrownBy(() -> AllowedNetworks.parse(List.of("10.0.0.0/8", bad))).as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(Quoted.of(bad));
        }
        assertThatThrownBy(() -> AllowedNetworks.parse(java.util.Arrays.asList("10.0.0.0/8", null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not null");
    }

    @Test
    void atMostFiftyNetworks() {
        List<String> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add("198.51.100." + i);
        }
        assertThat(AllowedNetworks.parse(fifty).entries()).hasSize(50);
        List<String> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add("198.51.100.50");
        assertThatThrownBy(() -> AllowedNetworks.parse(fiftyOne)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 50").hasMessageContaining("51");
    }

    @Test
    void fiftyOfTheLongestNetworksFitTheStoredColumn() {
        List<String> longest = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            longest.add(String.format("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff%02x", i));
        }
        assertThat(AllowedNetworks.parse(longest).toStored().length()).isLessThanOrEqualTo(AllowedNetworks.MAX_STORED_LENGTH);
    }

    @Test
    void aRestrictedKeyGivesNoKeyAWiderReachThanItsOwn() {
        AllowedNetworks own = AllowedNetworks.parse(List.of("203.0.113.0/24", "2001:db8::/32"));
        assertThat(own.covers(AllowedNetworks.parse(List.of("203.0.113.128/25", "2001:db8:1::/48")))).isTrue();
        assertThat(own.covers(own)).isTrue();
        assertThat(own.covers(AllowedNetworks.parse(List.of("203.0.112.0/23")))).isFalse();
        assertThat(own.covers(AllowedNetworks.parse(List.of("198.51.100.1")))).isFalse();
        assertThat(own.covers(AllowedNetworks.anywhere())).as("no allowlist is every address").isFalse();
        assertThat(AllowedNetworks.anywhere().covers(own)).isTrue();
        assertThat(AllowedNetworks.anywhere().covers(AllowedNetworks.anywhere())).isTrue();
    }

    @Test
    void aKeyNeverWidensTheReachOfAKeyNorChangesItsOwnAllowlist() {
        java.util.Set<Permission> all = java.util.Set.of(Permission.values());
        AllowedNetworks own = AllowedNetworks.parse(List.of("203.0.113.0/24"));
        KeyAuthority restricted = KeyAuthority.ofKey("self", all, all, null).withAllowedNetworks(own)
                .withApiScopes(java.util.Set.of(), java.util.Set.of());
        KeyAuthority.TargetKey other = new KeyAuthority.TargetKey("other", java.util.Set.of(Permission.VIEW));
        org.assertj.core.api.Assertions.assertThatCode(() -> restricted.checkMayAllowNetworks(other,
                AllowedNetworks.parse(List.of("203.0.113.8/29")))).doesNotThrowAnyException();
        assertThatThrownBy(() -> restricted.checkMayAllowNetworks(null, AllowedNetworks.anywhere()))
                .isInstanceOf(NotAllowedException.class).hasMessageContaining("wider reach");
        assertThatThrownBy(() -> restricted.checkMayAllowNetworks(other, AllowedNetworks.parse(List.of("198.51.100.0/24"))))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> restricted.checkMayAllowNetworks(new KeyAuthority.TargetKey("self", all), own))
                .isInstanceOf(NotAllowedException.class).hasMessageContaining("its own allowed networks");
        KeyAuthority unrestricted = KeyAuthority.ofKey("self", all, all, null);
        org.assertj.core.api.Assertions.assertThatCode(() -> unrestricted.checkMayAllowNetworks(null, AllowedNetworks.anywhere()))
                .doesNotThrowAnyException();
        KeyAuthority owner = KeyAuthority.ofPerson(DashboardRole.OWNER, RoleRights.defaults(), all).withAllowedNetworks(own);
        org.assertj.core.api.Assertions.assertThatCode(() -> owner.checkMayAllowNetworks(other, AllowedNetworks.anywhere()))
                .as("people are not bound by a key's allowlist").doesNotThrowAnyException();
    }

    private static String canonical(String text) {
        return IpNetwork.parse("allowedNetworks", text).toString();
    }
}
