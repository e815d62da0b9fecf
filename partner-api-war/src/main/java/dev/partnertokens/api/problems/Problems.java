package dev.partnertokens.api.problems;

import jakarta.json.Json;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details ({@code application/problem+json}): every error this API answers. */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    public static Response.ResponseBuilder problem(Response.StatusType status, String detail) {
        String body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", status.getReasonPhrase())
                .add("status", status.getStatusCode())
                .add("detail", detail)
                .build().toString();
        return Response.status(status).type(PROBLEM_JSON).entity(body);
    }

    public static Response badRequest(String detail) {
        return problem(Response.Status.BAD_REQUEST, detail).build();
    }

    public static Response forbidden(String detail) {
        return problem(Response.Status.FORBIDDEN, detail).build();
    }

    public static Response notFound(String detail) {
        return problem(Response.Status.NOT_FOUND, detail).build();
    }
}
