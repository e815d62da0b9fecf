package dev.partnertokens.keycloak.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.partnertokens.keycloak.domain.InvalidInputException;
import dev.partnertokens.keycloak.domain.ReportSignature;
import dev.partnertokens.keycloak.domain.ReporterKey;
import dev.partnertokens.keycloak.scanning.LeakFeedback;
import dev.partnertokens.keycloak.scanning.LeakReportEntry;
import dev.partnertokens.keycloak.scanning.LeakReports;
import dev.partnertokens.keycloak.scanning.ReporterKeyStore;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code POST /realms/{realm}/secret-scanning}: leak reports of secret scanners, compatible with GitHub's
 * secret-scanning partner program (docs/secret-scanning.md). Unauthenticated but for the signature, checked in this
 * order, each refusal changing nothing:
 * <ol>
 *   <li>the body is at most {@value #MAX_BODY_BYTES} bytes (413);</li>
 *   <li>headers {@value #KEY_ID_HEADER} and {@value #SIGNATURE_HEADER}: an ECDSA P-256 / SHA-256 signature of the raw
 *       body by a key configured for the realm ({@link ReporterKeyStore}) (401);</li>
 *   <li>a JSON array of matches (400), at most {@value LeakReportEntry#MAX_ENTRIES} (413);</li>
 *   <li>not a report accepted before: the SHA-256 of accepted bodies is remembered for {@value #REPLAY_WINDOW_SECONDS}
 *       s in Keycloak's single-use object store, shared by every node of the cluster (409).</li>
 * </ol>
 * Then {@link LeakReports} revokes what it must, and the answer is GitHub's feedback: one
 * {@code {"token_hash","token_type","label"}} per match. Refusals are logged, not written to the audit trail: the
 * endpoint is open to anyone, who must not be able to fill the trail.
 */
public final class SecretScanningResource {

    public static final String KEY_ID_HEADER = "Github-Public-Key-Identifier";
    public static final String SIGNATURE_HEADER = "Github-Public-Key-Signature";
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final long REPLAY_WINDOW_SECONDS = 24 * 60 * 60;
    private static final String REPLAY_PREFIX = "partner-tokens-leak-report:";
    private static final Logger LOG = Logger.getLogger(SecretScanningResource.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final KeycloakSession session;
    private final RealmModel realm;

    SecretScanningResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @POST
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@Context HttpHeaders headers, InputStream body) {
        byte[] raw;
        try {
            raw = body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            return ApiErrors.invalidInput("body", "The body could not be read");
        }
        if (raw.length > MAX_BODY_BYTES) {
            return refused(413, "PAYLOAD_TOO_LARGE", "A report may be at most " + MAX_BODY_BYTES + " bytes");
        }
        ReporterKey reporter;
        try {
            reporter = ReportSignature.verify(new ReporterKeyStore(realm).all(), headers.getHeaderString(KEY_ID_HEADER),
                    headers.getHeaderString(SIGNATURE_HEADER), raw);
        } catch (ReportSignature.Refused e) {
            LOG.infof("Leak report to realm %s refused: %s", realm.getName(), e.getMessage());
            return ApiErrors.refused(401, "SIGNATURE_REFUSED", e.getMessage());
        }
        List<LeakReportEntry> entries;
        try {
            entries = LeakReportEntry.listOf(readJson(raw));
        } catch (InvalidInputException e) {
            return ApiErrors.invalidInput(e);
        } catch (LeakReportEntry.TooMany e) {
            return refused(413, "PAYLOAD_TOO_LARGE", e.getMessage());
        }
        String replayKey = REPLAY_PREFIX + realm.getId() + ":" + LeakReports.hexSha256(raw);
        if (!session.singleUseObjects().putIfAbsent(replayKey, REPLAY_WINDOW_SECONDS)) {
            return refused(409, "REPLAYED", "This report was accepted before; a report is handled once");
        }
        forgetOnRollback(replayKey);
        List<LeakFeedback> answers = new LeakReports(session, realm).handle(reporter, entries);
        return Response.ok(answers).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }

    private Response refused(int status, String code, String message) {
        LOG.infof("Leak report to realm %s refused: %s", realm.getName(), message);
        return ApiErrors.refused(status, code, message);
    }

    private static JsonNode readJson(byte[] raw) {
        if (raw.length == 0) {
            throw new InvalidInputException("body", "The report needs a JSON array as its body");
        }
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "The body is not valid JSON");
        } catch (IOException e) {
            throw new InvalidInputException("body", "The body could not be read");
        }
    }

    /** A report whose handling failed was not accepted: the reporter may send it again. */
    private void forgetOnRollback(String replayKey) {
        var factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                // accepted: remembered for the replay window
            }

            @Override
            protected void rollbackImpl() {
                org.keycloak.models.utils.KeycloakModelUtils.runJobInTransaction(factory,
                        other -> other.singleUseObjects().remove(replayKey));
            }
        });
    }
}
