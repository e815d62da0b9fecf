package dev.partnertokens.api.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a request comes from, for the keys' IP allowlists (docs/ip-allowlists.md): the connection's peer, unless that
 * peer is a proxy the administrator declared in {@code partner-api.trusted-proxies} (CIDRs or addresses, separated by
 * commas; default none). From a declared proxy, {@code X-Forwarded-For} is read from the right: the first address
 * that is not itself a declared proxy is the client (so a client cannot put an address of its choosing in front of
 * the ones the proxies appended). An entry that is no address ends the walk at the last proxy.
 * A forwarded header from any other peer is ignored.
 */
@ApplicationScoped
public class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    @Inject
    @ConfigProperty(name = "partner-api.trusted-proxies")
    Optional<String> trustedProxies;

    private List<TrustedNetwork> proxies = List.of();

    @PostConstruct
    void init() {
        proxies = parse(trustedProxies.orElse(""));
    }

    /** A resolver with these declared proxies (tests). */
    static ClientAddress trusting(String proxies) {
        ClientAddress address = new ClientAddress();
        address.proxies = parse(proxies);
        return address;
    }

    /** The client address of this request. */
    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), Collections.list(request.getHeaders(FORWARDED_FOR)));
    }

    /**
     * @param peer         the connection's peer address
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order
     */
    String of(String peer, List<String> forwardedFor) {
        String client = peer;
        if (!isProxy(client)) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<byte[]> hop = TrustedNetwork.address(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                return client;
            }
            client = canonical(hop.get());
            if (!isProxy(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean isProxy(String address) {
        Optional<byte[]> bytes = TrustedNetwork.address(address);
        return bytes.isPresent() && proxies.stream().anyMatch(proxy -> proxy.contains(bytes.get()));
    }

    private static String withoutPort(String hop) {
        if (hop.startsWith("[") && hop.contains("]")) {
            return hop.substring(0, hop.indexOf(']') + 1);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private static String canonical(byte[] address) {
        try {
            return java.net.InetAddress.getByAddress(address).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<TrustedNetwork> parse(String setting) {
        List<TrustedNetwork> networks = new ArrayList<>();
        for (String entry : setting.split("[,\\s]+")) {
            if (!entry.isBlank()) {
                try {
                    networks.add(TrustedNetwork.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("partner-api.trusted-proxies: " + e.getMessage(), e);
                }
            }
        }
        return List.copyOf(networks);
    }
}
