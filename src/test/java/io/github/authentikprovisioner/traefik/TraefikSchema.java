package io.github.authentikprovisioner.traefik;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** SchemaStore's Traefik v3 file-provider schema ({@code shared/traefik}), read in place. */
public final class TraefikSchema {

    private static JsonSchema schema;

    private TraefikSchema() {
    }

    public static synchronized Set<ValidationMessage> validate(JsonNode document) throws Exception {
        if (schema == null) {
            JsonNode node = new ObjectMapper().readTree(io.github.authentikprovisioner.SharedFiles.required("traefik/traefik-v3-file-provider.schema.json").toFile());
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
        }
        return schema.validate(document);
    }
}
