package io.lipschitz4j.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the tiny subset of Python literals that .npy headers use, e.g.
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}.
 *
 * <p>Grammar: dict {@code { k: v, ... }} with optional trailing comma; tuple {@code ( ... )} including
 * {@code ()} and the 1-tuple {@code (5,)}; list {@code [ ... ]}; strings in single or double quotes with
 * backslash escapes; integers with optional sign (and the {@code L} suffix that Python 2 wrote);
 * {@code True}, {@code False}, {@code None}. Values map to {@link Map} (insertion order), {@link Tuple},
 * {@link List}, {@link String}, {@link BigInteger}, {@link Boolean} and {@link #NONE}.
 * Cost O(length of the text).
 */
final class PyLiteral {

    /** A Python tuple (kept apart from lists because .npy shapes must be tuples). */
    record Tuple(List<Object> items) {
        @Override public String toString() {
            if (items.size() == 1) return "(" + repr(items.get(0)) + ",)";
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) b.append(i == 0 ? "" : ", ").append(repr(items.get(i)));
            return b.append(')').toString();
        }
    }

    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override public String toString() { return "None"; }
    };

    /** Thrown on text that is not a literal of this grammar; the message says where and why. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        SyntaxException(String message) { super(message); }
    }

    private final String text;
    private int pos;

    private PyLiteral(String text) { this.text = text; }

    /** Parses one literal that spans the whole text (surrounding whitespace allowed). */
    static Object parse(String text) throws SyntaxException {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) throw p.error("unexpected text after the literal");
        return value;
    }

    /** A Python-like repr for messages: strings quoted, the rest as Python prints them. */
    static String repr(Object v) {
        if (v instanceof String s) return "'" + s + "'";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) b.append(i == 0 ? "" : ", ").append(repr(l.get(i)));
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        return String.valueOf(v);
    }

    private Object value() throws SyntaxException {
        skipSpace();
        if (pos >= text.length()) throw error("unexpected end of text");
        char c = text.charAt(pos);
        switch (c) {
            case '{': return dict();
            case '(': return new Tuple(sequence('(', ')', true));
            case '[': return sequence('[', ']', false);
            case '\'': case '"': return string();
            default:
                if (c == '-' || c == '+' || Character.isDigit(c)) return integer();
                if (Character.isLetter(c) || c == '_') return name();
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<Object, Object> dict() throws SyntaxException {
        pos++; // '{'
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek('}')) { pos++; return Collections.unmodifiableMap(map); }
            Object key = value();
            skipSpace();
            expect(':');
            Object v = value();
            if (map.containsKey(key)) throw error("duplicate key " + repr(key));
            map.put(key, v);
            skipSpace();
            if (peek(',')) pos++;
            else if (!peek('}')) throw error("expected ',' or '}'");
        }
    }

    private List<Object> sequence(char open, char close, boolean tuple) throws SyntaxException {
        pos++; // open
        List<Object> items = new ArrayList<>();
        boolean sawComma = false;
        while (true) {
            skipSpace();
            if (peek(close)) {
                pos++;
                // (5) is the number 5 in Python, not a tuple
                if (tuple && items.size() == 1 && !sawComma) throw error("'(x)' is not a tuple; a 1-tuple is written '(x,)'");
                return Collections.unmodifiableList(items);
            }
            items.add(value());
            skipSpace();
            sawComma = peek(',');
            if (sawComma) pos++;
            else if (!peek(close)) throw error("expected ',' or '" + close + "'");
        }
    }

    private String string() throws SyntaxException {
        char quote = text.charAt(pos++);
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) return b.toString();
            if (c == '\n') break;
            if (c == '\\') {
                if (pos >= text.length()) break;
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case '0': b.append('\0'); break;
                    case '\\': case '\'': case '"': b.append(e); break;
                    default: b.append('\\').append(e); // Python keeps unknown escapes verbatim
                }
            } else {
                b.append(c);
            }
        }
        throw error("unterminated string");
    }

    private BigInteger integer() throws SyntaxException {
        int start = pos;
        if (peek('-') || peek('+')) pos++;
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        if (pos == digits) throw error("expected digits");
        BigInteger v = new BigInteger(text.substring(start, pos));
        if (peek('L') || peek('l')) pos++; // Python 2 long suffix, e.g. (3L, 4L)
        if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            throw error("not an integer");
        }
        return v;
    }

    private Object name() throws SyntaxException {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        String name = text.substring(start, pos);
        switch (name) {
            case "True": return Boolean.TRUE;
            case "False": return Boolean.FALSE;
            case "None": return NONE;
            default:
                pos = start;
                throw error("unknown name '" + name + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private boolean peek(char c) { return pos < text.length() && text.charAt(pos) == c; }

    private void expect(char c) throws SyntaxException {
        if (!peek(c)) throw error("expected '" + c + "'");
        pos++;
    }

    private SyntaxException error(String why) {
        return new SyntaxException(why + " at character " + pos);
    }
}
