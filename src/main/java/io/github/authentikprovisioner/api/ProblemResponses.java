package io.github.authentikprovisioner.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the answers every endpoint shares, in one place rather than on each method: problem+json errors
 * (400/401/403/502, 503 and 504 with Retry-After, 409 on writes, 404 on paths with an id), and 201 next to 200 for the recipes
 * that may create objects. An operation marked {@link #NO_AUTHENTIK} gets only 400, 401 and 403.
 */
public class ProblemResponses implements OASFilter {

    /**
     * Extension marking an operation that calls no authentik API (e.g. the test email): it cannot answer authentik's
     * failures (409, 502, 503, 504) and creates no authentik object (no 201).
     */
    public static final String NO_AUTHENTIK = "x-without-authentik";
    private static final List<String> WITHOUT_AUTHENTIK = List.of("400", "401", "403");

    /** In a fixed order: the generated contract must be byte-for-byte stable. */
    private static final List<Map.Entry<String, String>> COMMON = List.of(
            Map.entry("400", "Invalid input; errors[] names each field. No authentik call was made."),
            Map.entry("401", "Missing or wrong bearer token"),
            Map.entry("403", "The client's token has none of the scopes this operation takes (its security names "
                    + "them); detail and errors[] name them. Nothing was written."),
            Map.entry("502", "authentik rejected a write; detail carries its message"),
            Map.entry("503", "authentik is unreachable or refuses the configured token; retry after Retry-After seconds"),
            Map.entry("504", "authentik answered too slowly: the request used up its deadline (AUTHENTIK_REQUEST_DEADLINE) "
                    + "and stopped before its next call; running it again converges"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) -> {
            APIResponses responses = op.getResponses();
            boolean callsAuthentik = op.getExtensions() == null || !op.getExtensions().containsKey(NO_AUTHENTIK);
            for (Map.Entry<String, String> common : COMMON) {
                if (!callsAuthentik && !WITHOUT_AUTHENTIK.contains(common.getKey())) {
                    continue;
                }
                APIResponse existing = responses.getAPIResponse(common.getKey());
                // replace the bare "Bad Request" smallrye adds for @Valid bodies with the documented problem
                if (existing == null || existing.getContent() == null) {
                    responses.addAPIResponse(common.getKey(), problem(common.getValue()));
                }
            }
            if (!callsAuthentik) {
                return;
            }
            boolean mutating = method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.POST
                    || method == PathItem.HttpMethod.DELETE;
            if (mutating && responses.getAPIResponse("409") == null) {
                responses.addAPIResponse("409", problem("authentik lacks an object of a fresh install this builds on "
                        + "(detail names it), or the object belongs to something this service does not manage"));
            }
            if (path.contains("{") && responses.getAPIResponse("404") == null) {
                responses.addAPIResponse("404", problem("Nothing with that id or slug"));
            }
            for (String retried : List.of("503", "504")) {
                responses.getAPIResponse(retried).addHeader("Retry-After", OASFactory.createHeader()
                        .description("Seconds to wait before retrying")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
            }
            APIResponse ok = responses.getAPIResponse("200");
            if ((method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.POST) && ok != null
                    && responses.getAPIResponse("201") == null) {
                ok.description("Nothing was created: unchanged, updated, or (with dryRun) the plan");
                responses.addAPIResponse("201", OASFactory.createAPIResponse()
                        .description("At least one authentik object was created").content(ok.getContent()));
            }
        }));
    }

    private static APIResponse problem(String description) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem")));
        return OASFactory.createAPIResponse().description(description).content(content);
    }
}
