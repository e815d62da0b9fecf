package dev.partnertokens.api.problems;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that JSON-B cannot read (malformed JSON, wrong types) is the client's mistake: 400. */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        return Problems.badRequest("The request body is not JSON of the expected shape.");
    }
}
