package dev.partnertokens.api.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One network of {@code partner-api.trusted-proxies}: an IPv4 or IPv6 CIDR, or a bare address. Addresses are read as
 * literals only (a host name is never looked up); an IPv4-mapped IPv6 address counts as the IPv4 address it carries.
 */
record TrustedNetwork(byte[] network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /**
     * @throws IllegalArgumentException naming the entry when it is no address or network
     */
    static TrustedNetwork parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        byte[] address = address(slash < 0 ? trimmed : trimmed.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR network"));
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
        }
        return new TrustedNetwork(masked(address, prefix), prefix);
    }

    /** The bytes of an address literal (IPv4, IPv6, {@code [IPv6]}, IPv4-mapped IPv6 as IPv4), empty for anything else. */
    static Optional<byte[]> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (IPV4.matcher(literal).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = literal.split("\\.");
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) value;
            }
            return Optional.of(bytes);
        }
        // starts with a hex digit or ':' and holds a ':': InetAddress reads it as an IPv6 literal, never asking DNS
        if (!IPV6.matcher(literal).matches() || !literal.contains(":") || literal.length() > 45) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(masked(address, prefixLength), network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }
}
