package io.lipschitz4j.io;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PyLiteralTest {

    private static BigInteger big(long v) { return BigInteger.valueOf(v); }

    @Test
    void parsesTheNumpyHeaderDictWithTrailingCommaAndPadding() throws Exception {
        Object v = PyLiteral.parse("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }          \n");
        assertThat(v).isEqualTo(Map.of("descr", "<f8", "fortran_order", false,
                "shape", new PyLiteral.Tuple(List.of(big(3), big(4)))));
    }

    @Test
    void parsesEmptyTupleOneTupleAndOddSpacing() throws Exception {
        assertThat(PyLiteral.parse("()")).isEqualTo(new PyLiteral.Tuple(List.of()));
        assertThat(PyLiteral.parse("( 5 , )")).isEqualTo(new PyLiteral.Tuple(List.of(big(5))));
        assertThat(PyLiteral.parse("{\"shape\":(2,3,),'x':True}")).isEqualTo(
                Map.of("shape", new PyLiteral.Tuple(List.of(big(2), big(3))), "x", true));
    }

    @Test
    void acceptsPython2LongSuffixAndNegativeAndHugeIntegers() throws Exception {
        assertThat(PyLiteral.parse("(3L, 4L)")).isEqualTo(new PyLiteral.Tuple(List.of(big(3), big(4))));
        assertThat(PyLiteral.parse("(-1, 99999999999999999999999)")).isEqualTo(
                new PyLiteral.Tuple(List.of(big(-1), new BigInteger("99999999999999999999999"))));
    }

    @Test
    void parsesListsStringsWithEscapesAndNone() throws Exception {
        assertThat(PyLiteral.parse("[('a', '<f8'), None]")).isEqualTo(
                List.of(new PyLiteral.Tuple(List.of("a", "<f8")), PyLiteral.NONE));
        assertThat(PyLiteral.parse("'it\\'s'")).isEqualTo("it's");
    }

    @Test
    void rejectsGarbage() {
        for (String bad : new String[] {"", "{", "{'a' 1}", "{'a': 1,, }", "(5)", "'open", "{'a': 1} x",
                "{'a': 1, 'a': 2}", "nonsense", "1.5", "(3, 4"}) {
            assertThatThrownBy(() -> PyLiteral.parse(bad)).as(bad).isInstanceOf(PyLiteral.SyntaxException.class);
        }
    }

    @Test
    void reprLooksLikePython() {
        assertThat(PyLiteral.repr(new PyLiteral.Tuple(List.of(big(5))))).isEqualTo("(5,)");
        assertThat(PyLiteral.repr(List.of(new PyLiteral.Tuple(List.of("a", "<f8"))))).isEqualTo("[('a', '<f8')]");
    }
}
