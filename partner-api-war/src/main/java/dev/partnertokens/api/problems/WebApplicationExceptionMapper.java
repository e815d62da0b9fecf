package dev.partnertokens.api.problems;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own refusals (unknown path, wrong method, unsupported media type...) as problem details. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder problem = Problems.problem(status, describe(status));
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem.build();
    }

    private static String describe(Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 404 -> "There is nothing at this path.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "This API answers in JSON.";
            case 415 -> "Send JSON (Content-Type: application/json).";
            default -> status.getReasonPhrase();
        };
    }
}
