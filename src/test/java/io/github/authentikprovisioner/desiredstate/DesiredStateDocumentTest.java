package io.github.authentikprovisioner.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.authentikprovisioner.api.Problem;

class DesiredStateDocumentTest {

    @Test
    void oneLinePerRecipe() {
        List<DesiredStateDocument.Entry> entries = DesiredStateDocument.parse("""
                - forwardAuth: {cookieDomain: example.com}
                - servarr: {name: Prowlarr, slug: prowlarr}
                """);
        assertThat(entries).extracting(DesiredStateDocument.Entry::recipe).containsExactly("forwardAuth", "servarr");
        assertThat(entries.get(1).spec().get("slug").asText()).isEqualTo("prowlarr");
        assertThat(entries.get(1).path()).isEqualTo("[1].servarr");
        assertThat(DesiredStateDocument.parse("")).isEmpty();
        assertThat(DesiredStateDocument.parse("[{\"forwardAuth\": {\"cookieDomain\": \"a.b\"}}]")).hasSize(1);
    }

    @Test
    void environmentIsExpandedOnlyWhenAsked() {
        String doc = "- servarr: {password: '${PW}', user: '${USER_NAME:-admin}', list: ['${PW}']}";
        var expanded = DesiredStateDocument.parseExpanding(doc, Map.of("PW", "s3cret")).getFirst().spec();
        assertThat(expanded.get("password").asText()).isEqualTo("s3cret");
        assertThat(expanded.get("user").asText()).isEqualTo("admin");
        assertThat(expanded.get("list").get(0).asText()).isEqualTo("s3cret");
        assertThat(DesiredStateDocument.parse(doc).getFirst().spec().get("password").asText()).isEqualTo("${PW}");
        assertThatThrownBy(() -> DesiredStateDocument.parseExpanding(doc, Map.of()))
                .isInstanceOf(InvalidDesiredStateException.class).hasMessageContaining("[0].servarr");
    }

    @Test
    void malformedDocumentsNameWhereTheyGoWrong() {
        assertThat(errors("forwardAuth: {cookieDomain: x}")).containsExactly("document");
        assertThat(errors("- forwardAuth: {a: 1}\n  servarr: {b: 2}\n- nope")).containsExactly("[0]", "[1]");
        assertThat(errors("- [unclosed")).containsExactly("document");
    }

    private static List<String> errors(String doc) {
        try {
            DesiredStateDocument.parse(doc);
            return List.of();
        } catch (InvalidDesiredStateException e) {
            return e.errors().stream().map(Problem.FieldError::field).toList();
        }
    }
}
