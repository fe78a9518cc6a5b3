package io.github.authentikprovisioner.oidc;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.github.authentikprovisioner.recipes.RegexDialect;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.github.authentikprovisioner.recipes.ValidRegex;

/**
 * One redirect URI of an OIDC provider as a caller gives it: a plain string is matched strictly, {@code {"regex":
 * "…"}} as a regular expression (authentik's {@code matching_mode}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RedirectUri", description = "A redirect URI: either a plain string (matched exactly) or an object "
        + "with exactly one of 'url' (matched exactly) or 'regex' (a regular expression)",
        examples = "https://app.example.com/oauth/callback")
public record RedirectUri(
        @Schema(description = "URI matched exactly (matching_mode strict)",
                examples = "https://app.example.com/oauth/callback") String url,
        @Schema(description = "Regular expression the URI must match (matching_mode regex)",
                examples = "^https://app\\.example\\.com/.*$") @ValidRegex(dialect = RegexDialect.PYTHON) String regex) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public RedirectUri {
    }

    /** The plain-string form: matched exactly. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RedirectUri strict(String url) {
        return new RedirectUri(url, null);
    }

    public static RedirectUri matching(String regex) {
        return new RedirectUri(null, regex);
    }

    public boolean byRegex() {
        return regex != null;
    }

    /** authentik's form: {@code {"matching_mode": "strict"|"regex", "url": …}}. */
    public Map<String, String> toAuthentik() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("matching_mode", byRegex() ? "regex" : "strict");
        out.put("url", byRegex() ? regex : url);
        return out;
    }
}
