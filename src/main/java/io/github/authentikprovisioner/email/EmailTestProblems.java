package io.github.authentikprovisioner.email;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.github.authentikprovisioner.api.Problem;
import io.github.authentikprovisioner.api.ProblemMappers;

/** Settings that cannot send are a 400 naming the variables, as a bad field of the request would be. */
class EmailTestProblems {

    @ServerExceptionMapper
    RestResponse<Problem> notConfigured(EmailNotConfiguredException e, UriInfo uri) {
        return ProblemMappers.problem(Response.Status.BAD_REQUEST, e.getMessage(), uri, e.problems().stream()
                .map(p -> new Problem.FieldError(p.variable(), p.message())).toList());
    }
}
