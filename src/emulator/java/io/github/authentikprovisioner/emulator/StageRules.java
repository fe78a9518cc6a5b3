package io.github.authentikprovisioner.emulator;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.authentikprovisioner.emulator.Hooks.Write;

/**
 * The rules of the stage family (authentik/flows/models.py Stage) and of the stage types and prompts that have their
 * own: identification (authentik/stages/identification/api.py), authenticator validation
 * (authentik/stages/authenticator_validate/api.py), TOTP setup, and prompts (authentik/stages/prompt/models.py).
 */
final class StageRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StageRules() {
    }

    /** The flows the stage is bound into, each once, as the FlowSet schema. */
    static void flowSet(Renderer r, ObjectNode stored, ObjectNode o) {
        ArrayNode out = JSON.createArrayNode();
        r.all("flows/bindings").filter(b -> b.get("stage").asText().equals(stored.get("pk").asText()))
                .map(b -> r.flowByPk(b.get("target").asText())).flatMap(Optional::stream).distinct()
                .forEach(f -> {
                    ObjectNode flow = r.full(r.collection("flows/instances"), f);
                    out.add(r.project(flow, "FlowSet"));
                });
        o.set("flow_set", out);
    }

    /** The prompt stages that ask the prompt, in full. */
    static void promptStages(Renderer r, ObjectNode stored, ObjectNode o) {
        o.set("prompt_stages_obj", JSON.valueToTree(r.all("stages/prompt/stages")
                .filter(s -> JsonArrays.contains(s.get("fields"), stored.get("pk")))
                .map(s -> r.render(r.collection("stages/prompt/stages"), s)).toList()));
    }

    /** No WebAuthn device types are emulated: the validation stage's allowed ones are always none. */
    static void allowedDeviceTypes(Renderer r, ObjectNode stored, ObjectNode o) {
        o.set("webauthn_allowed_device_types_obj", JSON.createArrayNode());
    }

    /** No WebAuthn device types are emulated: the setup stage's restrictions are always none. */
    static void deviceTypeRestrictions(Renderer r, ObjectNode stored, ObjectNode o) {
        o.set("device_type_restrictions_obj", JSON.createArrayNode());
    }

    /** A stage deleted takes its flow bindings along. */
    static void stageDeleted(RuleContext ctx, String pk) {
        Collection bindings = ctx.collection("flows/bindings");
        ctx.store.list(bindings).stream().filter(b -> b.get("stage").asText().equals(pk))
                .forEach(b -> ctx.delete(bindings, b));
    }

    /** A prompt deleted leaves the prompt stages that ask it. */
    static void promptDeleted(RuleContext ctx, String pk) {
        ctx.all("stages/prompt/stages").forEach(s -> s.set("fields", JsonArrays.without(s.withArray("fields"), pk)));
    }

    /**
     * validate() reads attrs.get("user_fields", []) and attrs.get("sources", []) of the request and changes neither
     * (authentik/stages/identification/api.py): a PATCH leaves sources as they are.
     */
    static void userFieldsOrSources(Write w) {
        if (w.attrs().path("user_fields").isEmpty() && w.attrs().path("sources").isEmpty()) {
            w.error("non_field_errors", "When no user fields are selected, at least one source must be selected");
        }
    }

    /**
     * validate_not_configured_action() reads configuration_stages of the request
     * (authentik/stages/authenticator_validate/api.py).
     */
    static void configurationStageWhenConfiguring(Write w) {
        ObjectNode attrs = w.attrs();
        if (attrs.path("not_configured_action").asText().equals("configure")
                && attrs.path("configuration_stages").isEmpty()) {
            w.error("not_configured_action", "When \"Not configured action\" is set to \"Configure\", "
                    + "you must set a configuration stage.");
        }
    }

    /** DigitsEnum: answered as the strings "6"/"8" even when a blueprint wrote the number (API-NOTES §6.7). */
    static void digitsAsText(RuleContext ctx, ObjectNode attrs) {
        if (attrs.has("digits") && attrs.get("digits").isNumber()) {
            attrs.put("digits", attrs.get("digits").asText());
        }
    }
}
