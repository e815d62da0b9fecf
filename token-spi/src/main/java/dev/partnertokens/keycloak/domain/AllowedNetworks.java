package dev.partnertokens.keycloak.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The source networks a key may be used from (its IP allowlist): at most {@value #MAX_ENTRIES} IPv4 and IPv6 networks
 * ({@link IpNetwork}); none means from anywhere. Normalised: canonical text, duplicates removed, sorted (IPv4 first,
 * then by address and prefix length). A network inside another listed one is kept as it is (it changes nothing, and
 * the owner may mean to remove the wider one later).
 *
 * <p>{@code 0.0.0.0/0} and {@code ::/0} are allowed: the first means every IPv4 address (and no IPv6 address unless an
 * IPv6 network is listed too). To allow every address, send no networks at all.
 */
public final class AllowedNetworks {

    /** The field of the tokens API. */
    public static final String FIELD = "allowedNetworks";
    public static final int MAX_ENTRIES = 50;
    /** What the key row keeps at most: 50 of the longest canonical IPv6 networks (43 characters) and separators. */
    public static final int MAX_STORED_LENGTH = 2400;

    private static final AllowedNetworks ANYWHERE = new AllowedNetworks(List.of());

    private final List<IpNetwork> networks;

    private AllowedNetworks(List<IpNetwork> networks) {
        this.networks = List.copyOf(networks);
    }

    /** No allowlist: a key usable from any address. */
    public static AllowedNetworks anywhere() {
        return ANYWHERE;
    }

    /**
     * The networks a request names, normalised.
     *
     * @throws InvalidInputException (field {@value #FIELD}) naming the first bad entry, or saying there are too many
     */
    public static AllowedNetworks parse(Collection<String> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidInputException(FIELD, "a key allows at most " + MAX_ENTRIES + " networks; "
                    + entries.size() + " were sent");
        }
        TreeSet<IpNetwork> parsed = new TreeSet<>();
        for (String entry : entries) {
            parsed.add(IpNetwork.parse(FIELD, entry));
        }
        return new AllowedNetworks(new ArrayList<>(parsed));
    }

    /** The networks as the key row keeps them (space-separated canonical text); {@code null} or blank: anywhere. */
    public static AllowedNetworks fromStored(String stored) {
        if (stored == null || stored.isBlank()) {
            return ANYWHERE;
        }
        return parse(List.of(stored.trim().split("\\s+")));
    }

    /** What the key row keeps: space-separated canonical networks, {@code null} for anywhere. */
    public String toStored() {
        return networks.isEmpty() ? null : String.join(" ", entries());
    }

    /** The networks in canonical text, sorted. */
    public List<String> entries() {
        return networks.stream().map(IpNetwork::toString).toList();
    }

    /** Whether there is no allowlist (any address may use the key). */
    public boolean isAnywhere() {
        return networks.isEmpty();
    }

    /**
     * Whether a request from {@code sourceAddress} (as the server reports its peer; IPv4-mapped IPv6 counts as IPv4)
     * may use the key. With an allowlist, an unknown or unreadable address is not allowed.
     */
    public boolean allows(String sourceAddress) {
        if (networks.isEmpty()) {
            return true;
        }
        Optional<byte[]> address = IpNetwork.address(sourceAddress);
        return address.isPresent() && networks.stream().anyMatch(network -> network.contains(address.get()));
    }

    /**
     * Whether every address {@code other} allows is allowed here too: a key restricted to some networks gives no key
     * a wider reach than its own.
     */
    public boolean covers(AllowedNetworks other) {
        if (networks.isEmpty()) {
            return true;
        }
        return !other.networks.isEmpty()
                && other.networks.stream().allMatch(inner -> networks.stream().anyMatch(outer -> outer.contains(inner)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AllowedNetworks allowed && networks.equals(allowed.networks);
    }

    @Override
    public int hashCode() {
        return networks.hashCode();
    }

    /** {@code [203.0.113.0/24, 2001:db8::/32]}, or {@code anywhere}. */
    @Override
    public String toString() {
        return networks.isEmpty() ? "anywhere" : entries().toString();
    }
}
