package dev.partnertokens.api.security;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import dev.partnertokens.api.problems.Problems;

/**
 * Guards every resource marked {@link RequiresDashboardRole}, after {@link PartnerAuthenticationFilter} has
 * verified the token: the caller must be a person of exactly one partner holding one of the listed roles, or gets
 * a 403 problem ("I know you, and no").
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION)
public class DashboardRoleFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        RequiresDashboardRole required = method.getAnnotation(RequiresDashboardRole.class);
        if (required == null) {
            required = method.getDeclaringClass().getAnnotation(RequiresDashboardRole.class);
        }
        if (required == null) {
            return;
        }
        Optional<DashboardUser> user = DashboardUser.of(request.getSecurityContext());
        if (user.isEmpty()) {
            request.abortWith(Problems.forbidden("This endpoint is for people of a partner signed in to the dashboard."));
            return;
        }
        if (!List.of(required.value()).contains(user.get().role())) {
            request.abortWith(Problems.forbidden("Your dashboard role " + user.get().role() + " may not do this; it needs "
                    + List.of(required.value()) + "."));
        }
    }
}
