package dev.partnertokens.api.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/** Where the next page of the audit trail starts: after the entry with this (time, id), newest first. Opaque to callers. */
record AuditCursor(Instant at, String id) {

    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at.toEpochMilli() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code text} is not a cursor this API made */
    static AuditCursor decode(String text) {
        if (text.length() > 200) {
            throw new IllegalArgumentException("too long");
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 2 || !ID.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("malformed");
        }
        return new AuditCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
    }
}
