package dev.partnertokens.api.dashboard;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every response of the WAR — the dashboard page, its scripts and styles, and the API — carries a strict
 * Content-Security-Policy (only this origin's scripts and styles, nothing inline; the page may talk to itself and to
 * Keycloak and nowhere else), refuses to be framed, is not sniffed, and sends no Referer (so no URL of the page
 * leaves it). API answers are never stored by a cache; the page's files are revalidated on every load.
 */
@WebFilter(urlPatterns = "/*")
public class PageSecurityHeaders implements Filter {

    @Inject
    DashboardSettings settings;

    /** Built once: the issuer does not change while the WAR is deployed, and this filter runs on every request. */
    private String contentSecurityPolicy;

    @Override
    public void init(FilterConfig config) {
        contentSecurityPolicy = contentSecurityPolicy(settings.keycloakOrigin());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("Content-Security-Policy", contentSecurityPolicy);
        http.setHeader("X-Frame-Options", "DENY");
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("Referrer-Policy", "no-referrer");
        http.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        HttpServletRequest page = (HttpServletRequest) request;
        String path = page.getRequestURI().substring(page.getContextPath().length());
        http.setHeader("Cache-Control", path.startsWith("/api/") ? "no-store" : "no-cache");
        chain.doFilter(request, response);
    }

    static String contentSecurityPolicy(String keycloakOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + keycloakOrigin + "; form-action " + keycloakOrigin + " 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'";
    }
}
