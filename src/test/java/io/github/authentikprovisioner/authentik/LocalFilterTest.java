package io.github.authentikprovisioner.authentik;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The schema filters evaluated on a snapshot the way authentik's filter sets evaluate them. */
class LocalFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Function<String, Optional<String>> NO_ALIAS = pbm -> Optional.empty();

    private static ObjectNode o(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void exactIsCaseSensitiveAndIexactIsNot() throws Exception {
        ObjectNode provider = o("{'name': 'Traefik Provider', 'mode': 'forward_single'}");
        assertThat(LocalFilter.test(Kind.GROUP, "name", "traefik provider", provider, NO_ALIAS)).contains(false);
        assertThat(LocalFilter.test(Kind.PROXY_PROVIDER, "name__iexact", "traefik PROVIDER", provider, NO_ALIAS))
                .contains(true);
        assertThat(LocalFilter.test(Kind.PROXY_PROVIDER, "mode__iexact", "FORWARD_SINGLE", provider, NO_ALIAS))
                .contains(true);
    }

    @Test
    void isnullTellsNullFromAValue() throws Exception {
        ObjectNode managed = o("{'managed': 'goauthentik.io/providers/oauth2/scope-openid'}");
        ObjectNode own = o("{'managed': null}");
        assertThat(LocalFilter.test(Kind.SCOPE_MAPPING, "managed__isnull", "false", managed, NO_ALIAS)).contains(true);
        assertThat(LocalFilter.test(Kind.SCOPE_MAPPING, "managed__isnull", "true", own, NO_ALIAS)).contains(true);
        assertThat(LocalFilter.test(Kind.SCOPE_MAPPING, "managed__isnull", "maybe", own, NO_ALIAS)).isEmpty();
    }

    @Test
    void aBindingTargetIsMatchedByThePkAuthentikAnswersForThePolicyBindingModel() throws Exception {
        ObjectNode binding = o("{'target': 'fsb-pk', 'group': 'g'}");
        Function<String, Optional<String>> aliases = pbm -> pbm.equals("pbm-of-fsb") ? Optional.of("fsb-pk")
                : Optional.empty();
        assertThat(LocalFilter.test(Kind.POLICY_BINDING, "target", "pbm-of-fsb", binding, aliases)).contains(true);
        assertThat(LocalFilter.test(Kind.POLICY_BINDING, "target", "unknown", binding, aliases))
                .as("not known from any snapshot: asked of authentik").isEmpty();
    }

    @Test
    void manyToManyAndShapeOnlyFilters() throws Exception {
        ObjectNode provider = o("{'property_mappings': ['a', 'b']}");
        assertThat(LocalFilter.test(Kind.OAUTH2_PROVIDER, "property_mappings", "b", provider, NO_ALIAS)).contains(true);
        assertThat(LocalFilter.test(Kind.OAUTH2_PROVIDER, "property_mappings", "c", provider, NO_ALIAS))
                .contains(false);
        assertThat(LocalFilter.test(Kind.GROUP, "include_users", "false", o("{}"), NO_ALIAS)).contains(true);
        assertThat(LocalFilter.test(Kind.GROUP, "is_superuser", "false", o("{'is_superuser': false}"), NO_ALIAS))
                .contains(true);
    }

    /** authentik/core/api/users.py filter_is_superuser looks at direct groups; the answer through ancestors. */
    @Test
    void aUsersSuperuserFilterIsLeftToAuthentik() throws Exception {
        assertThat(LocalFilter.test(Kind.USER, "is_superuser", "false", o("{'is_superuser': true}"), NO_ALIAS))
                .isEmpty();
    }

    @Test
    void anUnknownFilterIsLeftToAuthentik() {
        assertThat(LocalFilter.allLocal(Kind.USER, Map.of("path_startswith", "users"), NO_ALIAS)).isFalse();
        assertThat(LocalFilter.allLocal(Kind.GROUP, Map.of("name", "x", "include_users", "false"), NO_ALIAS)).isTrue();
    }
}
