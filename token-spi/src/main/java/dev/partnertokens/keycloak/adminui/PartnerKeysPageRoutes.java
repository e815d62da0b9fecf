package dev.partnertokens.keycloak.adminui;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;

/**
 * Sends the admin console's requests for the partner-keys page's items to {@link PartnerKeysPageResource}, before
 * JAX-RS picks the resource (a {@link PreMatching} filter rewrites the request URI; nothing is proxied or answered
 * here, and Keycloak's answer is never rewritten):
 * <ul>
 *   <li>{@code GET /admin/realms/{realm}/components?type=org.keycloak.services.ui.extend.UiPageProvider&providerId=partner-keys}
 *       (the page's list) → {@code GET /admin/realms/{realm}/pk-console?…};</li>
 *   <li>{@code GET|PUT|DELETE /admin/realms/{realm}/components/Token:<uuid>} (a key: open, save, delete) →
 *       {@code …/pk-console/Token:<uuid>}.</li>
 * </ul>
 * Every other request, including every component id that is not of the form {@code Token:<uuid>}, reaches Keycloak
 * unchanged. The form alone decides, without a look-up: such an id is 42 characters, longer than the 36 that
 * Keycloak's {@code COMPONENT.ID} column holds, so no component of Keycloak's can have it. Whether the key exists, in
 * this realm, and whether the caller may see or change it is for the endpoint to say, after Keycloak's admin
 * authentication. Creating an item ({@code POST /components}) is left to Keycloak: the page's factory refuses it.
 *
 * <p>The rewritten path is never longer than the original ({@link PartnerKeysPageEndpointFactory} says why).
 *
 * <p>Registered like {@code clientauth.TokenEndpointChallengeFilter}: Keycloak's build indexes provider JARs and
 * registers their {@code @Provider} JAX-RS filters. It runs for every request, so it only looks at the path first.
 */
@Provider
@PreMatching
public final class PartnerKeysPageRoutes implements ContainerRequestFilter {

    private static final String COMPONENTS = "/components";
    private static final Pattern COMPONENTS_PATH = Pattern.compile("(.*/admin/realms/[^/]+)/components(?:/([^/]+))?/?");
    private static final String ENDPOINT = "/" + PartnerKeysPageEndpointFactory.PROVIDER_ID;
    private static final Set<String> ITEM_METHODS = Set.of("GET", "PUT", "DELETE");

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path == null || !path.contains(COMPONENTS)) {
            return;
        }
        Matcher components = COMPONENTS_PATH.matcher(path);
        if (!components.matches()) {
            return;
        }
        String realmPath = components.group(1);
        String rawId = components.group(2);
        if (rawId == null ? isPageList(request) : isKeyItem(request.getMethod(), rawId)) {
            String routed = realmPath + ENDPOINT + (rawId == null ? "" : "/" + rawId);
            request.setRequestUri(UriBuilder.fromUri(uri).replacePath(routed).build());
        }
    }

    private static boolean isPageList(ContainerRequestContext request) {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        return "GET".equals(request.getMethod())
                && PartnerKeysPage.PROVIDER_TYPE.equals(query.getFirst("type"))
                && PartnerKeysPage.PROVIDER_ID.equals(query.getFirst("providerId"));
    }

    private static boolean isKeyItem(String method, String rawId) {
        if (!ITEM_METHODS.contains(method)) {
            return false;
        }
        try {
            return PartnerKeysPage.keyId(URLDecoder.decode(rawId.replace("+", "%2B"), StandardCharsets.UTF_8)).isPresent();
        } catch (IllegalArgumentException e) {
            return false; // a malformed escape: Keycloak answers it
        }
    }
}
