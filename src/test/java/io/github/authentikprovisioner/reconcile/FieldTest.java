package io.github.authentikprovisioner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.github.authentikprovisioner.authentik.Kind;

/** How each kind of managed field compares with and writes over an actual value. */
class FieldTest {

    private static final Resolver PKS = new Resolver() {
        @Override
        public JsonNode pk(Ref ref) {
            return IntNode.valueOf(ref.key().toString().length());
        }

        @Override
        public JsonNode pkIfExists(Ref ref) {
            return ref.key().toString().equals("gone") ? null : pk(ref);
        }
    };

    private static JsonNode json(String s) {
        try {
            return FakeAuthentik.JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Resolved resolve(Field f) {
        return f.resolve(PKS);
    }

    /** authentik stores text trimmed by Python's str.strip(); so does a desired value, or it differs on every run. */
    @Test
    void textIsTakenTrimmedAsPythonTrimsIt() {
        assertThat(resolve(Field.of("Family\u00a0")).satisfiedBy(TextNode.valueOf("Family"))).isTrue();
        assertThat(resolve(Field.of("\u3000Family\u202f")).satisfiedBy(TextNode.valueOf("Family"))).isTrue();
    }

    @Test
    void valuesCompareAsAuthentikMeansThem() {
        assertThat(resolve(Field.of(1)).satisfiedBy(LongNode.valueOf(1))).isTrue();
        assertThat(resolve(Field.of(5)).satisfiedBy(TextNode.valueOf("5"))).as("pk as string or number").isTrue();
        assertThat(resolve(Field.of(null)).satisfiedBy(null)).isTrue();
        assertThat(resolve(Field.of(false)).satisfiedBy(null)).as("explicit false is managed").isFalse();
        assertThat(resolve(Field.of("a")).satisfiedBy(TextNode.valueOf("A"))).isFalse();
        assertThat(resolve(Field.of(List.of("a", "b"))).satisfiedBy(json("['b', 'a']"))).as("ordered").isFalse();
        assertThat(resolve(Field.setOf(List.of("a", "b"))).satisfiedBy(json("['b', 'a']"))).isTrue();
        assertThat(resolve(Field.of(Map.of("k", 1))).satisfiedBy(json("{'k': 1, 'x': 2}"))).isFalse();
    }

    @Test
    void refsBecomePks() {
        Ref ref = Ref.to(Kind.FLOW, "slug", "abc");
        assertThat(resolve(Field.ref(ref)).write(null)).isEqualTo(IntNode.valueOf(3));
        assertThat(resolve(Field.refs(List.of(ref, Ref.to(Kind.FLOW, "slug", "abcd")))).satisfiedBy(json("[4, 3]")))
                .isTrue();
        assertThat(resolve(Field.orderedRefs(List.of(ref, Ref.to(Kind.FLOW, "slug", "abcd")))).satisfiedBy(json("[4, 3]")))
                .isFalse();
    }

    @Test
    void includesAddsMissingItemsAndKeepsTheRest() {
        Resolved f = resolve(Field.includes(List.of(7, 8)));
        assertThat(f.readModifyWrite()).isTrue();
        assertThat(f.satisfiedBy(json("[1, 7]"))).isFalse();
        assertThat(f.write(json("[1, 7]")).toString()).isEqualTo("[1,7,8]");
        assertThat(f.satisfiedBy(json("[8, 1, 7]"))).isTrue();
        assertThat(f.write(null).toString()).isEqualTo("[7,8]");
    }

    @Test
    void excludesRemovesOnlyItsItemsAndIgnoresObjectsThatAreGone() {
        Resolved f = resolve(Field.excludes(List.of(2, Ref.to(Kind.PROXY_PROVIDER, "name", "gone"))));
        assertThat(f.satisfiedBy(json("[1, 3]"))).isTrue();
        assertThat(f.write(json("[1, 2, 3]")).toString()).isEqualTo("[1,3]");
    }

    @Test
    void entriesMergeIntoMapsAndWithoutEntriesRemovesKeys() {
        Resolved has = resolve(Field.entries(Map.of("a", "1")));
        assertThat(has.satisfiedBy(json("{'a': '1', 'b': '2'}"))).isTrue();
        assertThat(has.satisfiedBy(json("{'a': '0', 'b': '2'}"))).isFalse();
        assertThat(has.write(json("{'a': '0', 'b': '2'}")).toString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
        Resolved lacks = resolve(Field.withoutEntries(Set.of("a")));
        assertThat(lacks.satisfiedBy(json("{'b': 1}"))).isTrue();
        assertThat(lacks.write(json("{'a': 1, 'b': 1}")).toString()).isEqualTo("{\"b\":1}");
    }

    @Test
    void placeholderNeverEqualsAnActualValue() {
        Placeholder p = new Placeholder(Ref.to(Kind.FLOW, "slug", "x"));
        assertThat(Json.same(p, TextNode.valueOf(p.asText()))).isFalse();
    }
}
