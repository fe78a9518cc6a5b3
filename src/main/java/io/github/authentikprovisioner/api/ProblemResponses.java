package io.github.authentikprovisioner.api;

import java.util.Map;
import java.util.TreeMap;

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
 * (400/401/502/503 with Retry-After), and 201 next to 200 for the recipes that may create objects.
 */
public class ProblemResponses implements OASFilter {

    // sorted: Map.of iterates in a different order in every JVM, which made the committed contract flaky
    private static final Map<String, String> COMMON = new TreeMap<>(Map.of(
            "400", "Invalid input; errors[] names each field. No authentik call was made.",
            "401", "Missing or wrong bearer token",
            "502", "authentik rejected a write; detail carries its message",
            "503", "authentik is unreachable or refuses the configured token; retry after Retry-After seconds"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) -> {
            APIResponses responses = op.getResponses();
            COMMON.forEach((code, description) -> {
                if (responses.getAPIResponse(code) == null) {
                    responses.addAPIResponse(code, problem(description));
                }
            });
            responses.getAPIResponse("503").addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
            boolean mutating = method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.POST;
            APIResponse ok = responses.getAPIResponse("200");
            if (mutating && ok != null && responses.getAPIResponse("201") == null) {
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
