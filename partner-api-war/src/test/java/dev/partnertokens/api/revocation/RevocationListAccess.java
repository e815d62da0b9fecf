package dev.partnertokens.api.revocation;

import java.util.List;

/** For tests of other packages: feeds a {@link RevocationList} as the feed reader does. */
public final class RevocationListAccess {

    private RevocationListAccess() {
    }

    /** An entry about the key, as when it is revoked: every token issued until now is refused. */
    public static void add(RevocationList list, String clientId) {
        list.add(List.of(new RevocationEntry(System.nanoTime(), "KEY", clientId, null, System.currentTimeMillis() / 1000, null, null,
                "KEY_REVOKED", System.currentTimeMillis())));
    }

    /** A page of the feed, added as the feed reader adds it; {@code caughtUp}: the last page of the snapshot. */
    public static void addPage(RevocationList list, RevocationPage page, boolean caughtUp) {
        list.add(page.entries());
        list.answered(caughtUp);
    }
}
