package dev.partnertokens.api.audit;

import dev.partnertokens.api.problems.Problems;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import dev.partnertokens.api.security.ClientAddress;
import dev.partnertokens.api.security.DashboardUser;
import org.jboss.logging.Logger;

/**
 * Gives every request an id ({@value #REQUEST_ID_HEADER}: the caller's if it is sane, else a new UUID), echoes it
 * in the response, and writes an audit entry for every call of an {@link Audited} method, allowed or refused.
 * Runs before the authentication filter, so that refusals are audited too. A creation, edit or revocation that
 * reached the provider's tokens API is not written here: the provider records it (with the acting person), and its
 * entry comes back through the audit feed. Entries written here are a person's ({@code actorKind} PERSON with their
 * dashboard role) when the caller is one, else of an unidentified caller.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 500)
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String REQUEST_ID_PROPERTY = AuditFilter.class.getName() + ".request-id";
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger LOG = Logger.getLogger(AuditFilter.class);

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    ClientAddress clientAddress;

    @Inject
    AuditTrail trail;

    @Inject
    ReachedProvider reachedProvider;

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = request.getHeaderString(REQUEST_ID_HEADER);
        String requestId = presented != null && SANE_REQUEST_ID.matcher(presented).matches() ? presented : UUID.randomUUID().toString();
        request.setProperty(REQUEST_ID_PROPERTY, requestId);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(REQUEST_ID_PROPERTY);
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        response.getHeaders().putSingle(REQUEST_ID_HEADER, requestId);
        Audited audited = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(Audited.class);
        if (audited == null || (audited.value().recordedByProvider() && reachedProvider.marked())) {
            return;
        }
        Optional<DashboardUser> user = DashboardUser.of(request.getSecurityContext());
        Principal principal = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        String username = user.map(DashboardUser::username).orElse(principal == null ? null : principal.getName());
        String partner = user.map(DashboardUser::partner).orElse(null);
        try {
            trail.record(clip(username), clip(partner), user.isPresent() ? "PERSON" : null,
                    user.map(u -> u.role().name()).orElse(null), audited.value(), keyId(request), response.getStatus(),
                    reason(response), clientAddress.of(servletRequest), requestId.toString());
        } catch (RuntimeException e) {
            // The caller's answer stands; the failure is logged (the request id lets an operator find the request).
            LOG.errorf(e, "Could not write the audit entry of request %s", requestId);
        }
    }

    /** Why a request was refused: the {@code detail} of the RFC 9457 problem this API answered with, if any. */
    private static String reason(ContainerResponseContext response) {
        if (response.getStatus() < 400 || !(response.getEntity() instanceof String body)
                || response.getMediaType() == null || !Problems.PROBLEM_JSON.equals(response.getMediaType().toString())) {
            return null;
        }
        try {
            return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject().getString("detail", null);
        } catch (jakarta.json.JsonException | ClassCastException e) {
            return null;
        }
    }

    private String keyId(ContainerRequestContext request) {
        Object named = servletRequest.getAttribute(Audited.Key.ATTRIBUTE);
        String id = named != null ? named.toString() : request.getUriInfo().getPathParameters().getFirst("id");
        return id == null || id.isEmpty() ? null : clip(id.length() > 100 ? id.substring(0, 100) : id);
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 255 ? printable.substring(0, 255) : printable;
    }
}
