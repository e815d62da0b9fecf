package dev.partnertokens.api.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Whether the current request reached the provider's tokens API and got its answer (set by
 * {@code keys.TokensApi}). The provider audits the creations, edits and revocations that reach it, so
 * {@link AuditFilter} records those only when they did not.
 */
@RequestScoped
public class ReachedProvider {

    private boolean reached;

    public void mark() {
        reached = true;
    }

    public boolean marked() {
        return reached;
    }
}
