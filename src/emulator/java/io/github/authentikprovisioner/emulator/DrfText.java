package io.github.authentikprovisioner.emulator;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * How DRF takes text in: {@code CharField.to_internal_value} returns {@code str(data).strip()} when
 * {@code trim_whitespace} (the default), and Python's {@code str.strip()} removes every {@code str.isspace()}
 * character, 29 code points, U+00A0 and U+3000 among them (rest_framework/fields.py; CPython's
 * {@code _PyUnicode_IsWhitespace}). Model {@code CharField}s, {@code TextField}s, {@code SlugField}s,
 * {@code URLField}s and {@code EmailField}s all become such fields; {@code ChoiceField}s, related fields, UUID and
 * date fields do not trim. Kept apart from the service's own helper on purpose: the emulator stands for authentik
 * and must not share the code it checks.
 */
final class DrfText {

    private DrfText() {
    }

    /** Python's {@code str.isspace()} for one character (all 29 are in the BMP). */
    static boolean isSpace(char c) {
        return c >= '\t' && c <= '\r' || c >= '\u001C' && c <= ' ' || c == '\u0085' || c == '\u00A0'
                || c == '\u1680' || c >= '\u2000' && c <= '\u200A' || c == '\u2028' || c == '\u2029' || c == '\u202F'
                || c == '\u205F' || c == '\u3000';
    }

    /** Python's {@code str.strip()}. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Trims the text values of {@code attrs} whose fields are trimming {@code CharField}s ({@code charFields}). */
    static void trim(ObjectNode attrs, Set<String> charFields) {
        attrs.properties().forEach(e -> {
            if (e.getValue().isTextual() && charFields.contains(e.getKey())) {
                e.setValue(TextNode.valueOf(strip(e.getValue().asText())));
            }
        });
    }
}
