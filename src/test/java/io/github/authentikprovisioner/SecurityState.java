package io.github.authentikprovisioner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.authentikprovisioner.emulator.AuthentikEmulator;

/**
 * Reads what the login and security recipes control out of authentik (the emulator), by name rather than pk, so two
 * installs can be compared: stage bindings per flow, and the managed fields of the changed objects.
 */
public final class SecurityState {

    public static final List<String> FLOWS = List.of("default-authentication-flow", "default-source-enrollment",
            "recovery", "enrollment-invitation", "default-password-change");

    private final AuthentikEmulator emulator;
    /** Lists read while resolving pks to names, read once per snapshot. */
    private final Map<String, List<JsonNode>> lists = new java.util.HashMap<>();

    public SecurityState(AuthentikEmulator emulator) {
        this.emulator = emulator;
    }

    /** The flow's bindings as "order stage-name", by order; empty when the flow does not exist. */
    public List<String> bindings(String flowSlug) {
        List<JsonNode> flows = emulator.list("/flows/instances/?slug=" + flowSlug);
        if (flows.isEmpty()) {
            return List.of();
        }
        return emulator.list("/flows/bindings/?target=" + flows.getFirst().get("pk").asText()).stream()
                .sorted(Comparator.comparingInt(b -> b.get("order").asInt()))
                .map(b -> b.get("order").asInt() + " " + b.get("stage_obj").get("name").asText()).toList();
    }

    /** Everything the five recipes manage, by name. */
    public Map<String, Object> snapshot() {
        lists.clear();
        Map<String, Object> out = new TreeMap<>();
        FLOWS.forEach(f -> out.put("bindings of " + f, bindings(f)));
        JsonNode identification = stage("/stages/identification/", "default-authentication-identification");
        out.put("identification.password_stage", stageName(identification.get("password_stage")));
        out.put("identification.enable_remember_me", identification.get("enable_remember_me").asBoolean());
        out.put("identification.recovery_flow", flowSlug(identification.get("recovery_flow")));
        out.put("identification.user_fields", sorted(identification.get("user_fields")));
        for (String prompt : List.of("default-source-enrollment-prompt", "default-password-change-prompt")) {
            JsonNode stage = stage("/stages/prompt/stages/", prompt);
            out.put(prompt + ".fields", names(stage.get("fields"), "/stages/prompt/prompts/"));
            out.put(prompt + ".validation_policies", names(stage.get("validation_policies"), "/policies/password/",
                    "/policies/expression/"));
        }
        JsonNode mfa = stage("/stages/authenticator/validate/", "default-authentication-mfa-validation");
        out.put("mfa.device_classes", sorted(mfa.get("device_classes")));
        out.put("mfa.not_configured_action", mfa.get("not_configured_action").asText());
        List<String> setup = new ArrayList<>();
        mfa.get("configuration_stages").forEach(s -> setup.add(stageName(s)));
        out.put("mfa.configuration_stages", setup);
        JsonNode brand = emulator.list("/core/brands/?domain=authentik-default").getFirst();
        out.put("brand.flow_recovery", flowSlug(brand.get("flow_recovery")));
        for (JsonNode policy : emulator.list("/policies/password/")) {
            out.put("password policy " + policy.get("name").asText(), fields(policy, "length_min", "amount_uppercase",
                    "amount_lowercase", "amount_digits", "amount_symbols", "error_message"));
        }
        for (JsonNode group : emulator.list("/core/groups/")) {
            List<String> members = new ArrayList<>();
            group.get("users_obj").forEach(u -> members.add(u.get("username").asText()));
            members.sort(null);
            out.put("group " + group.get("name").asText(), Map.of("is_superuser",
                    group.get("is_superuser").asBoolean(), "users", members));
        }
        for (String stage : List.of("/stages/user_write/", "/stages/email/", "/stages/invitation/stages/")) {
            for (JsonNode s : emulator.list(stage)) {
                Map<String, Object> f = new LinkedHashMap<>();
                s.properties().forEach(e -> {
                    if (!List.of("pk", "flow_set", "create_users_group").contains(e.getKey())) {
                        f.put(e.getKey(), e.getValue().toString());
                    }
                });
                f.put("create_users_group", s.has("create_users_group") ? groupName(s.get("create_users_group")) : "");
                out.put("stage " + s.get("name").asText(), f);
            }
        }
        for (String flow : List.of("recovery", "enrollment-invitation")) {
            emulator.list("/flows/instances/?slug=" + flow).forEach(f -> out.put("flow " + flow,
                    fields(f, "name", "title", "designation", "compatibility_mode")));
        }
        return out;
    }

    private JsonNode stage(String path, String name) {
        return emulator.list(path + "?name=" + encode(name)).getFirst();
    }

    private String stageName(JsonNode pk) {
        return pk == null || pk.isNull() ? null : byPk(pk, "name", "/stages/all/");
    }

    private String flowSlug(JsonNode pk) {
        return pk == null || pk.isNull() ? null : byPk(pk, "slug", "/flows/instances/");
    }

    /** The {@code field} of the object with this pk in one of the list {@code paths}. */
    private String byPk(JsonNode pk, String field, String... paths) {
        for (String path : paths) {
            for (JsonNode o : lists.computeIfAbsent(path, emulator::list)) {
                if (o.get("pk").asText().equals(pk.asText())) {
                    return o.get(field).asText();
                }
            }
        }
        throw new IllegalStateException("no object " + pk + " in " + List.of(paths));
    }

    private String groupName(JsonNode pk) {
        return pk == null || pk.isNull() ? null : emulator.get("/core/groups/" + pk.asText() + "/").get("name").asText();
    }

    private List<String> names(JsonNode pks, String... paths) {
        List<String> out = new ArrayList<>();
        for (JsonNode pk : pks) {
            out.add(byPk(pk, "name", paths));
        }
        out.sort(null);
        return out;
    }

    private static List<String> sorted(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        out.sort(null);
        return out;
    }

    private static Map<String, String> fields(JsonNode o, String... names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, o.path(n).asText());
        }
        return out;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
