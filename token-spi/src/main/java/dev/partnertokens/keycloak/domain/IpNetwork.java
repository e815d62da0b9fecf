package dev.partnertokens.keycloak.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One IPv4 or IPv6 network in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}); a bare address is the
 * network of that address alone ({@code /32}, {@code /128}).
 *
 * <p>Parsing is strict and never asks DNS: IPv4 as four decimal numbers 0-255 without leading zeros, IPv6 as RFC 4291
 * text without a zone ({@code %eth0}). A network whose address has bits set past its prefix ({@code 10.1.2.3/24}) is
 * refused rather than silently widened: the message names both readings ({@code 10.1.2.0/24} or
 * {@code 10.1.2.3/32}). IPv4 networks are written in IPv4 form: an IPv4-mapped IPv6 network ({@code ::ffff:10.0.0.0/104})
 * is refused with a message saying so. An <em>address</em> to check, on the other hand, may come IPv4-mapped
 * ({@code ::ffff:10.1.2.3}, as a dual-stack server reports IPv4 clients) and is then matched as the IPv4 address it is.
 *
 * <p>The text form ({@link #toString()}) is canonical: IPv4 dotted quad, IPv6 per RFC 5952 (lower case, the longest
 * run of zero groups compressed); always with the prefix length.
 */
public final class IpNetwork implements Comparable<IpNetwork> {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    private final byte[] address;
    private final int prefixLength;

    private IpNetwork(byte[] address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
    }

    /**
     * The network {@code text} names.
     *
     * @param field the request field to name in a refusal
     * @throws InvalidInputException naming {@code text} (quoted, shortened) and what is wrong with it
     */
    public static IpNetwork parse(String field, String text) {
        if (text == null) {
            throw new InvalidInputException(field, field + " must hold networks as strings, not null");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = literal(addressText, false).orElseThrow(() -> new InvalidInputException(field,
                Quoted.of(text) + " is not an IPv4 or IPv6 address or network (CIDR such as 203.0.113.0/24 or 2001:db8::/32)"));
        if (address.length == 4 && addressText.contains(":")) {
            throw new InvalidInputException(field, Quoted.of(text)
                    + " is an IPv4-mapped IPv6 network; write IPv4 networks in IPv4 form such as 203.0.113.0/24");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!PREFIX.matcher(prefixText).matches() || Integer.parseInt(prefixText) > bits) {
                throw new InvalidInputException(field, Quoted.of(text) + " has an invalid prefix length; "
                        + (bits == 32 ? "IPv4" : "IPv6") + " prefixes are 0 to " + bits);
            }
            prefix = Integer.parseInt(prefixText);
        }
        IpNetwork network = new IpNetwork(masked(address, prefix), prefix);
        if (!Arrays.equals(network.address, address)) {
            throw new InvalidInputException(field, Quoted.of(text) + " has bits set past its prefix; write "
                    + network + " for the network, or " + new IpNetwork(address, bits) + " for that address alone");
        }
        return network;
    }

    /**
     * The bytes of an address as a server reports a connection's peer: IPv4, IPv6, or IPv4-mapped IPv6 (as IPv4);
     * empty for anything else (a host name is never looked up).
     */
    public static Optional<byte[]> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return literal(trimmed, true);
    }

    /** Whether {@code address} (4 or 16 bytes) is in this network; addresses of the other family never are. */
    public boolean contains(byte[] address) {
        return address.length == this.address.length && Arrays.equals(masked(address, prefixLength), this.address);
    }

    /** Whether every address of {@code other} is in this network. */
    public boolean contains(IpNetwork other) {
        return other.prefixLength >= prefixLength && contains(other.address);
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    public int prefixLength() {
        return prefixLength;
    }

    private static Optional<byte[]> literal(String text, boolean allowZone) {
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) value;
            }
            return Optional.of(bytes);
        }
        String withoutZone = text;
        int percent = text.indexOf('%');
        if (allowZone && percent > 0) {
            withoutZone = text.substring(0, percent);
        }
        // starts with a hex digit or ':' and holds a ':': InetAddress reads it as an IPv6 literal and never asks DNS
        if (!IPV6.matcher(withoutZone).matches() || !withoutZone.contains(":") || withoutZone.length() > 45) {
            return Optional.empty();
        }
        try {
            InetAddress parsed = InetAddress.getByName(withoutZone);
            return Optional.of(parsed.getAddress());
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return Optional.empty();
        }
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    @Override
    public int compareTo(IpNetwork other) {
        int byFamily = Integer.compare(address.length, other.address.length);
        if (byFamily != 0) {
            return byFamily;
        }
        int byAddress = Arrays.compareUnsigned(address, other.address);
        return byAddress != 0 ? byAddress : Integer.compare(prefixLength, other.prefixLength);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpNetwork network && prefixLength == network.prefixLength && Arrays.equals(address, network.address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefixLength;
    }

    /** {@code 203.0.113.0/24}, {@code 2001:db8::/32}: canonical (RFC 5952 for IPv6), always with the prefix length. */
    @Override
    public String toString() {
        return text(address) + "/" + prefixLength;
    }

    /** An address in canonical text: dotted quad, or RFC 5952 IPv6. */
    public static String text(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }
}
