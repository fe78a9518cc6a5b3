package io.github.authentikprovisioner.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Checks every request to and answer from the emulator against authentik's published OpenAPI document
 * ({@code shared/authentik/schema.yml}, 2026.2.2) with Atlassian's swagger-request-validator. Unknown properties are
 * errors in both directions: authentik would silently drop a misspelt field, the emulator refuses it.
 */
final class SchemaCheck {

    /**
     * Places where authentik 2026.2.2 answers differently from its own schema, so the emulator answers as authentik
     * does: policy bindings send null for the relations they do not use, invitations send a null flow_obj.
     */
    private static final List<String> UPSTREAM_NULLS = List.of("/policy_obj", "/group_obj", "/user_obj", "/flow_obj");
    /**
     * An outpost instance whose cached state expired is listed once with {@code last_seen} and {@code version} null
     * ({@code OutpostState} defaults, authentik/outposts/models.py), though the schema types both as strings.
     */
    private static final java.util.regex.Pattern EXPIRED_OUTPOST_STATE = java.util.regex.Pattern.compile(
            ".*\\[Path '/\\d+/(last_seen|version)'\\] Instance type \\(null\\).*");
    /** Users without an email address have {@code "email": ""} (a blank Django EmailField), typed format email. */
    private static final String UPSTREAM_BLANK_EMAIL = "validation.response.body.schema.format.email: "
            + "[Path '";

    /**
     * A user's email may be set blank: {@code User} keeps Django's {@code AbstractUser.email}, an EmailField with
     * {@code blank=True}, and DRF's ModelSerializer makes such a field {@code allow_blank}
     * (rest_framework/utils/field_mapping.py get_field_kwargs; authentik/core/api/users.py UserSerializer), though
     * the schema types it format email.
     */
    private static final String BLANK_EMAIL_IN_REQUEST = "validation.request.body.schema.format.email: [Path '/email'";
    private static final String USERS = "/api/v3/core/users/";

    private final OpenAPI api;
    private final OpenApiInteractionValidator validator;
    private final Map<String, Set<String>> properties = new HashMap<>();
    private final Map<String, Set<String>> listParameters = new HashMap<>();

    SchemaCheck(Path schemaFile) {
        if (!Files.isRegularFile(schemaFile)) {
            throw new IllegalStateException("authentik's API schema is missing at " + schemaFile.toAbsolutePath()
                    + ": fetch authentik's pinned reference files with scripts/fetch-authentik-reference.sh (or point "
                    + "-Dauthentik.reference.dir / AUTHENTIK_REFERENCE_DIR at a copy)");
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        this.api = new OpenAPIV3Parser().read(schemaFile.toUri().toString(), null, options);
        inlineNullableReferences(api);
        this.validator = OpenApiInteractionValidator.createFor(api)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        // authentik answers 404 (and 405/415) with {"detail"} though the schema lists neither
                        .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        api.getComponents().getSchemas().forEach((name, schema) -> properties.put(name,
                schema.getProperties() == null ? Set.of() : Set.copyOf(schema.getProperties().keySet())));
        api.getPaths().forEach((template, item) -> {
            Operation get = item.getGet();
            if (get != null) {
                listParameters.put(template, queryParameters(get, item));
            }
        });
    }

    /**
     * drf-spectacular writes a nullable reference as {@code {allOf: [{$ref}], nullable: true}}; JSON Schema then
     * rejects null inside the allOf, though authentik sends null there. Inline the referenced schema instead, keeping
     * {@code nullable}, so null passes and a non-null value is still checked against the referenced schema.
     */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void inlineNullableReferences(OpenAPI api) {
        Map<String, Schema> components = api.getComponents().getSchemas();
        for (Schema<?> component : components.values()) {
            if (component.getProperties() == null) {
                continue;
            }
            Map<String, Schema> props = (Map) component.getProperties();
            props.replaceAll((name, prop) -> {
                if (!Boolean.TRUE.equals(prop.getNullable()) || prop.getAllOf() == null || prop.getAllOf().size() != 1
                        || ((Schema<?>) prop.getAllOf().getFirst()).get$ref() == null) {
                    return prop;
                }
                String ref = ((Schema<?>) prop.getAllOf().getFirst()).get$ref();
                Schema target = components.get(ref.substring(ref.lastIndexOf('/') + 1));
                Schema inlined = new Schema();
                inlined.setType(target.getType());
                inlined.setProperties(target.getProperties());
                inlined.setRequired(target.getRequired());
                inlined.setEnum(target.getEnum());
                inlined.setFormat(target.getFormat());
                inlined.setAdditionalProperties(target.getAdditionalProperties());
                inlined.setReadOnly(prop.getReadOnly());
                inlined.setNullable(true);
                if (inlined.getEnum() != null && !inlined.getEnum().contains(null)) {
                    inlined.getEnum().add(null);
                }
                return inlined;
            });
        }
    }

    Map<String, Set<String>> schemaProperties() {
        return properties;
    }

    /**
     * The properties of a request schema that DRF reads with a {@code CharField} (see {@link DrfText}): plain strings,
     * e-mail addresses and URLs; not enums (drf-spectacular writes a {@code ChoiceField} as a reference to its enum),
     * UUIDs (related fields) or dates. Empty for a schema the document does not have.
     */
    Set<String> charFields(String requestSchema) {
        Schema<?> schema = api.getComponents().getSchemas().get(requestSchema);
        if (schema == null || schema.getProperties() == null) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        schema.getProperties().forEach((name, prop) -> {
            String format = prop.getFormat();
            if ("string".equals(prop.getType()) && prop.get$ref() == null && prop.getEnum() == null
                    && (format == null || format.equals("uri") || format.equals("email"))) {
                out.add(name);
            }
        });
        return out;
    }

    /** The query parameters the schema lists for GET on {@code template} (e.g. {@code /providers/proxy/}). */
    Set<String> queryParameters(String template) {
        return listParameters.getOrDefault(template, Set.of());
    }

    /** Schema errors of a request, empty when it conforms. */
    List<String> request(String method, String path, Map<String, List<String>> query, String authorization,
            String body) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(method, path).withAuthorization(authorization);
        query.forEach(b::withQueryParam);
        if (body != null && !body.isEmpty()) {
            b.withContentType("application/json").withBody(body);
        }
        return errors(validator.validateRequest(b.build())).stream()
                .filter(e -> !(path.startsWith(USERS) && e.startsWith(BLANK_EMAIL_IN_REQUEST)
                        && e.endsWith("String \"\" is not a valid email address")))
                .toList();
    }

    /** Schema errors of an answer to {@code method path}, empty when it conforms. */
    List<String> response(String method, String path, int status, String body) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(status);
        if (body != null) {
            b.withContentType("application/json").withBody(body);
        }
        return errors(validator.validateResponse(path, Request.Method.valueOf(method), b.build())).stream()
                .filter(e -> UPSTREAM_NULLS.stream().noneMatch(n -> e.contains("[Path '" + n + "'] Instance type (null)")
                        || e.contains("[Path '/results/") && e.contains(n + "'] Instance type (null)")))
                .filter(e -> !(e.startsWith(UPSTREAM_BLANK_EMAIL) && e.endsWith("String \"\" is not a valid email address")))
                .filter(e -> !blankEmailsOnly(e))
                .filter(e -> !(path.endsWith("/health/") && EXPIRED_OUTPOST_STATE.matcher(e).matches()))
                .toList();
    }

    /**
     * A nested user ({@code allOf: [User]}, e.g. a token's {@code user_obj}) fails its allOf for nothing but blank
     * emails: the same upstream blank EmailField as {@link #UPSTREAM_BLANK_EMAIL}, reported one level down.
     */
    private static boolean blankEmailsOnly(String error) {
        int nested = error.indexOf(" [[Path '");
        if (!error.startsWith("validation.response.body.schema.allOf") || nested < 0) {
            return false;
        }
        return java.util.Arrays.stream(error.substring(nested + 2, error.length() - 1).split("; "))
                .allMatch(m -> m.matches("\\[Path '[^']*'\\] String \"\" is not a valid email address"));
    }

    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()
                        + (m.getNestedMessages().isEmpty() ? "" : " " + m.getNestedMessages().stream()
                                .map(ValidationReport.Message::getMessage).collect(Collectors.joining("; ", "[", "]"))))
                .toList();
    }

    private Set<String> queryParameters(Operation op, PathItem item) {
        Set<String> names = new HashSet<>();
        for (List<Parameter> params : java.util.Arrays.asList(op.getParameters(), item.getParameters())) {
            if (params == null) {
                continue;
            }
            for (Parameter p : params) {
                Parameter resolved = p.get$ref() != null
                        ? api.getComponents().getParameters().get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1))
                        : p;
                if (resolved != null && "query".equals(resolved.getIn())) {
                    names.add(resolved.getName());
                }
            }
        }
        return names;
    }
}
