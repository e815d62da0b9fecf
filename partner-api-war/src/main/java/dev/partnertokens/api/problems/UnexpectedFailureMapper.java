package dev.partnertokens.api.problems;

import java.util.UUID;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;

/**
 * The last line of defence: a failure nobody foresaw is logged with an incident id and answered as a 500 problem
 * that carries the id and nothing else (no stack trace, no exception message).
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(exception, "Unexpected failure, incident %s", incident);
        return Problems.problem(Response.Status.INTERNAL_SERVER_ERROR, "Something went wrong on our side (incident " + incident + ").")
                .build();
    }
}
