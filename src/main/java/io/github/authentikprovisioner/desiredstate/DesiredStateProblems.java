package io.github.authentikprovisioner.desiredstate;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.github.authentikprovisioner.api.Problem;
import io.github.authentikprovisioner.api.ProblemMappers;

/** Problem answers of desired-state documents: an invalid document is a 400; a failing entry answers as its cause. */
class DesiredStateProblems {

    private final ProblemMappers problems;

    DesiredStateProblems(ProblemMappers problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    RestResponse<Problem> invalidDocument(InvalidDesiredStateException e, UriInfo uri) {
        return ProblemMappers.problem(Response.Status.BAD_REQUEST, e.getMessage(), uri, e.errors());
    }

    /** Answered like the entry's own failure would be, with the entry named first. */
    @ServerExceptionMapper
    RestResponse<Problem> entryFailed(DesiredStateEntryException e, UriInfo uri) {
        RestResponse<Problem> cause = problems.answer(e.getCause(), uri);
        Problem p = cause.getEntity();
        RestResponse.ResponseBuilder<Problem> out = RestResponse.ResponseBuilder.create(cause.getStatusInfo(),
                new Problem(p.type(), p.title(), p.status(), "entry " + e.entry() + ": " + p.detail(), p.instance(),
                        p.errors())).type(Problem.MEDIA_TYPE);
        cause.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> out.header(name, v));
            }
        });
        return out.build();
    }
}
