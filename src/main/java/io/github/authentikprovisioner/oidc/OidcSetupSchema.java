package io.github.authentikprovisioner.oidc;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Publishes {@code OidcSetup} as one of the shapes the presets answer, derived from {@link OidcPreset}: a new preset
 * names its setup record there, and the contract follows without a list kept by hand.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OidcSetupSchema implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema setup = openAPI.getComponents().getSchemas().get("OidcSetup");
        if (setup == null) {
            return;
        }
        List<Schema> shapes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (OidcPreset preset : OidcPreset.values()) {
            var annotation = preset.setupType()
                    .getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
            String name = annotation == null || annotation.name().isEmpty() ? preset.setupType().getSimpleName()
                    : annotation.name();
            if (!seen.contains(name)) {
                seen.add(name);
                shapes.add(OASFactory.createSchema().ref("#/components/schemas/" + name));
            }
        }
        setup.setOneOf(shapes);
    }
}
