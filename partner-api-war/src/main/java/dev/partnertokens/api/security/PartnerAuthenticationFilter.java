package dev.partnertokens.api.security;

import java.lang.reflect.Method;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import dev.partnertokens.api.revocation.RevocationList;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Guards every resource marked {@link TokenRequired}, {@link RequiresPermission} or {@link RequiresScope}: finds the presented
 * credentials, turns Basic key credentials into a token, verifies the token, asks the {@link RevocationList}
 * whether it was revoked (on every request, also for a token verified before), and checks the permission and the
 * API scope.
 * Answers RFC 6750: 401 {@code invalid_token} when the caller is unknown or the token revoked, 403
 * {@code insufficient_scope} when the caller is known but lacks the permission, and 503 (fail closed) while the
 * revocation list cannot tell.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class PartnerAuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    TokenVerifier verifier;

    @Inject
    ClientCredentialsExchange exchange;

    @Inject
    RevocationList revocations;

    @Inject
    ClientAddress clientAddress;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Optional<RequiresPermission> permission = annotation(method, RequiresPermission.class);
        Optional<RequiresScope> apiScope = annotation(method, RequiresScope.class);
        if (permission.isEmpty() && apiScope.isEmpty() && annotation(method, TokenRequired.class).isEmpty()) {
            return;
        }
        Optional<PresentedCredentials> credentials = PresentedCredentials.from(request);
        if (credentials.isEmpty()) {
            request.abortWith(TokenProblems.missingToken());
            return;
        }
        Optional<JsonWebToken> jwt = token(credentials.get()).flatMap(verifier::verify);
        if (jwt.isEmpty()) {
            request.abortWith(TokenProblems.invalidToken());
            return;
        }
        RevocationList.Verdict verdict = revocations.verdict(jwt.get());
        if (verdict == RevocationList.Verdict.REFUSED && credentials.get() instanceof PresentedCredentials.KeyCredentials key) {
            // The kept token is revoked; Keycloak decides about the credentials themselves (a revoked key gets nothing).
            exchange.forget(key.basicPair());
            jwt = exchange.tokenFor(key.basicPair(), clientAddress.of(servletRequest)).flatMap(verifier::verify);
            verdict = jwt.map(revocations::verdict).orElse(RevocationList.Verdict.REFUSED);
        }
        if (verdict == RevocationList.Verdict.CANNOT_TELL) {
            request.abortWith(TokenProblems.revocationsUnknown());
            return;
        }
        if (verdict == RevocationList.Verdict.REFUSED) {
            request.abortWith(TokenProblems.invalidToken());
            return;
        }
        if (permission.isPresent() && !TokenScopes.of(jwt.get()).contains(permission.get().value().name())) {
            request.abortWith(TokenProblems.insufficientScope(permission.get().value()));
            return;
        }
        if (apiScope.isPresent() && !TokenScopes.of(jwt.get()).contains(apiScope.get().value())) {
            request.abortWith(TokenProblems.insufficientApiScope(apiScope.get().value()));
            return;
        }
        request.setSecurityContext(new TokenSecurityContext(jwt.get(), request.getSecurityContext().isSecure()));
    }

    private Optional<String> token(PresentedCredentials credentials) {
        if (credentials instanceof PresentedCredentials.Token token) {
            return Optional.of(token.value());
        }
        if (credentials instanceof PresentedCredentials.KeyCredentials key) {
            // Keycloak checks the key's IP allowlist against the partner's address, which this API tells it
            return exchange.tokenFor(key.basicPair(), clientAddress.of(servletRequest));
        }
        return Optional.empty();
    }

    private static <A extends java.lang.annotation.Annotation> Optional<A> annotation(Method method, Class<A> type) {
        A onMethod = method.getAnnotation(type);
        return Optional.ofNullable(onMethod != null ? onMethod : method.getDeclaringClass().getAnnotation(type));
    }
}
