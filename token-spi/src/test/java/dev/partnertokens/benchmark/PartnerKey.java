package dev.partnertokens.benchmark;

import java.util.Objects;

/** A partner key created for the benchmark. Its secret never appears in {@link #toString()}. */
record PartnerKey(String id, String clientId, String clientSecret) {

    PartnerKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "PartnerKey[id=" + id + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
