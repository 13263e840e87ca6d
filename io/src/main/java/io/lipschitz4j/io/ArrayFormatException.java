package io.lipschitz4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An array file (.npy, .npz member, ...) is malformed or holds something this library does not read.
 *
 * <p>The message is always a single line {@code SOURCE: FIELD: FOUND (expected EXPECTED)}, for example
 * {@code kernel.npy: header.descr: unsupported dtype '<c16' (expected a real float or integer dtype such
 * as <f8 or <f4)}, so a command-line tool can print it as is and exit with the "bad input" code.
 *
 * <p>Why a checked {@link IOException}: a bad file is an expected, recoverable condition of reading
 * input, not a programming error; callers of the readers already handle {@code IOException} for a
 * missing or unreadable file, and a subclass lets them treat "cannot read" and "read but unusable"
 * together, or catch this type alone to report bad input (exit code 1) distinctly from internal
 * errors.
 */
public class ArrayFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String source;
    private final String field;
    private final String found;
    private final String expected;

    /**
     * @param file     the file that was read, or {@code null} when reading a stream
     * @param source   how the input is named in the message: the file path, {@code archive.npz[member.npy]},
     *                 or a caller-given stream name
     * @param field    the part of the format that is wrong, e.g. {@code magic}, {@code header.descr},
     *                 {@code data}
     * @param found    what was found, phrased as the problem, e.g. {@code unsupported dtype '<c16'}
     * @param expected what was expected, or {@code null} when there is nothing useful to say
     */
    public ArrayFormatException(Path file, String source, String field, String found, String expected) {
        super(format(source, field, found, expected));
        this.file = file;
        this.source = source;
        this.field = field;
        this.found = found;
        this.expected = expected;
    }

    /** The file that was read; empty when the input was a stream. */
    public Optional<Path> file() { return Optional.ofNullable(file); }

    /** The name of the input as it appears in the message (path, archive member or stream name). */
    public String source() { return source; }

    /** The part of the format that is wrong, e.g. {@code magic}, {@code header.shape}, {@code data}. */
    public String field() { return field; }

    /** What was found, phrased as the problem. */
    public String found() { return found; }

    /** What was expected; empty when the message says nothing about it. */
    public Optional<String> expected() { return Optional.ofNullable(expected); }

    private static String format(String source, String field, String found, String expected) {
        String line = source + ": " + field + ": " + found + (expected == null ? "" : " (expected " + expected + ")");
        return oneLine(line);
    }

    /** Replaces line breaks and other control characters so the message stays on one line. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (Character.isISOControl(c)) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
