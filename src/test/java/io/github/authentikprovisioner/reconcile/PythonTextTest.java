package io.github.authentikprovisioner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Python's whitespace, against the list Python itself prints. */
class PythonTextTest {

    /** {@code [hex(c) for c in range(0x110000) if chr(c).isspace()]}, printed by CPython 3.11. */
    private static final List<Integer> PYTHON_ISSPACE = List.of(0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f,
            0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
            0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000);

    @Test
    void isSpaceIsExactlyPythonsList() {
        List<Integer> ours = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (PythonText.isSpace(c)) {
                ours.add(c);
            }
        }
        assertThat(ours).isEqualTo(PYTHON_ISSPACE);
    }

    @Test
    void theRegexClassMatchesExactlyPythonsList() {
        Pattern space = Pattern.compile("[" + PythonText.SPACE_CLASS + "]");
        List<Integer> matched = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (space.matcher(Character.toString(c)).matches()) {
                matched.add(c);
            }
        }
        assertThat(matched).isEqualTo(PYTHON_ISSPACE);
    }

    @Test
    void stripRemovesWhatJavaKeeps() {
        assertThat("secret\u00A0".strip()).as("Java's strip keeps a no-break space").isEqualTo("secret\u00A0");
        assertThat(PythonText.strip("secret\u00A0")).isEqualTo("secret");
        assertThat(PythonText.strip("\u3000\u202F\u0085 Family \u2007\u001F")).isEqualTo("Family");
        assertThat(PythonText.strip("a\u00A0b")).as("inner spaces stay").isEqualTo("a\u00A0b");
        assertThat(PythonText.strip("\u200B x \u200B")).as("a zero-width space is not whitespace")
                .isEqualTo("\u200B x \u200B");
        assertThat(PythonText.strip("\u00A0\u2028")).isEmpty();
        assertThat(PythonText.isStripped("Family")).isTrue();
        assertThat(PythonText.isStripped("Family\u202F")).isFalse();
    }
}
