package io.lipschitz4j.io;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.lipschitz4j.io.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every malformed input gives an ArrayFormatException whose one-line message names the file and the field. */
class NpyReaderBadInputTest {

    @TempDir Path dir;

    /** Writes a version-1.0 file with the given header text and {@code dataBytes} zero bytes of data. */
    private Path npy(String name, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(NpyHeader.MAGIC);
        out.write(new byte[] {1, 0});
        out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) h.length).array());
        out.write(h);
        out.write(new byte[dataBytes]);
        return write(name, out.toByteArray());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static Path copyPrefix(Path src, Path dst, int bytes) throws IOException {
        return Files.write(dst, Arrays.copyOf(Files.readAllBytes(src), bytes));
    }

    /** Reads {@code file} expecting failure in {@code field}; checks the message shape. */
    private static AbstractThrowableAssert<?, ? extends Throwable> failsAt(Path file, String field) {
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> NpyReader.read(file));
        assertThat(e).as("reading %s should fail", file).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.file()).contains(file);
        assertThat(e.getMessage()).startsWith(file + ": " + field + ": ").doesNotContain("\n");
        return assertThat(e);
    }

    private static String header(String descr, String fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }\n";
    }

    @Test
    void truncatedFileInsideTheMagic() throws Exception {
        Path p = copyPrefix(path("f8_3x4.npy"), dir.resolve("short.npy"), 4);
        failsAt(p, "magic").hasMessageContaining("only 4 bytes");
    }

    @Test
    void truncatedFileInsideTheHeader() throws Exception {
        Path p = copyPrefix(path("f8_3x4.npy"), dir.resolve("cut.npy"), 40);
        failsAt(p, "header").hasMessageContaining("truncated header: 30 of 118 bytes present");
    }

    @Test
    void emptyFile() throws Exception {
        failsAt(write("empty.npy", new byte[0]), "magic").hasMessageContaining("only 0 bytes");
    }

    @Test
    void wrongMagic() throws Exception {
        failsAt(write("text.npy", "hello, world\n".getBytes(StandardCharsets.US_ASCII)), "magic")
                .hasMessageContaining("not a .npy file: starts with hello,")
                .hasMessageContaining("expected \\x93NUMPY");
    }

    @Test
    void zipArchiveGivenToTheNpyReaderGetsAHint() {
        failsAt(path("stored.npz"), "magic").hasMessageContaining("NpzReader");
    }

    @Test
    void unknownVersion() throws Exception {
        byte[] b = Files.readAllBytes(path("f8_3x4.npy"));
        b[6] = 4;
        failsAt(write("v4.npy", b), "version").hasMessageContaining("unsupported format version 4.0");
    }

    @Test
    void garbageHeader() throws Exception {
        failsAt(npy("garbage.npy", "{'descr': '<f8', 'fortran_order': Fals", 0), "header")
                .hasMessageContaining("cannot parse header");
        failsAt(npy("notdict.npy", "[1, 2]\n", 0), "header").hasMessageContaining("not a dict");
        failsAt(npy("keys.npy", "{'descr': '<f8', 'shape': (2,)}\n", 16), "header")
                .hasMessageContaining("header keys are ['descr', 'shape']");
    }

    @Test
    void headerControlCharactersStayOnOneLine() throws Exception {
        failsAt(npy("ctl.npy", "{'descr':\n\u0001\n", 0), "header").hasMessageContaining("\\n");
    }

    @Test
    void truncatedData() throws Exception {
        Path p = copyPrefix(path("f8_3x4.npy"), dir.resolve("cutdata.npy"), 128 + 50);
        failsAt(p, "data").hasMessageContaining("truncated data: 50 bytes present for shape (3, 4) <f8")
                .hasMessageContaining("expected 96 bytes");
    }

    @Test
    void truncatedDataFromAStreamCountsWhatArrived() throws Exception {
        byte[] b = Arrays.copyOf(Files.readAllBytes(path("f8_3x4.npy")), 128 + 50);
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class,
                () -> NpyReader.read(new java.io.ByteArrayInputStream(b), "pipe"));
        assertThat(e.getMessage()).isEqualTo("pipe: data: truncated data: 50 bytes present for shape (3, 4) <f8 (expected 96 bytes)");
        assertThat(e.file()).isEmpty();
    }

    @Test
    void extraBytesAfterTheData() throws Exception {
        byte[] b = Files.readAllBytes(path("f8_3x4.npy"));
        failsAt(write("long.npy", Arrays.copyOf(b, b.length + 8)), "data").hasMessageContaining("8 extra bytes");
    }

    @Test
    void fortranOrderIsRefusedWithAdvice() {
        failsAt(path("bad_fortran_3x4.npy"), "header.fortran_order")
                .hasMessageContaining("Fortran (column-major) order")
                .hasMessageContaining("np.ascontiguousarray");
    }

    @Test
    void fortranOrderWithOneNonTrivialAxisHasTheSameLayoutAndIsAccepted() throws Exception {
        Path p = npy("f_1x3.npy", header("<f8", "True", "(1, 3)"), 24);
        assertThat(NpyReader.read(p).shape()).containsExactly(1, 3);
    }

    @Test
    void complexDtypeIsNamedWithWhatIsExpected() {
        Path p = path("bad_complex_2.npy");
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> NpyReader.read(p));
        assertThat(e.getMessage()).isEqualTo(p + ": header.descr: unsupported dtype '<c16'"
                + " (expected a real float or integer dtype such as <f8 or <f4)");
        assertThat(e.found()).isEqualTo("unsupported dtype '<c16'");
        assertThat(e.expected()).contains("a real float or integer dtype such as <f8 or <f4");
    }

    @Test
    void otherUnsupportedDtypes() throws Exception {
        for (String d : new String[] {"|O", "<U5", "|S3", "<f16", "<i3", "|f8", "=f8", "<M8[ns]"}) {
            failsAt(npy("d.npy", header(d, "False", "(1,)"), 16), "header.descr")
                    .hasMessageContaining("unsupported dtype '" + d + "'");
        }
        failsAt(npy("s.npy", "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }\n", 8),
                "header.descr").hasMessageContaining("unsupported structured dtype [('a', '<f8')]");
    }

    @Test
    void badShapes() throws Exception {
        failsAt(npy("neg.npy", header("<f8", "False", "(3, -4)"), 0), "header.shape")
                .hasMessageContaining("negative dimension -4");
        failsAt(npy("huge.npy", header("<f8", "False", "(99999999999999999999,)"), 0), "header.shape")
                .hasMessageContaining("too large");
        failsAt(npy("product.npy", header("<f8", "False", "(100000, 100000)"), 0), "header.shape")
                .hasMessageContaining("shape (100000, 100000) has 10000000000 elements");
        failsAt(npy("list.npy", header("<f8", "False", "[3]"), 24), "header.shape").hasMessageContaining("not a tuple");
        failsAt(npy("str.npy", header("<f8", "False", "('3',)"), 24), "header.shape").hasMessageContaining("not an integer");
    }

    @Test
    void fortranOrderMustBeABool() throws Exception {
        failsAt(npy("fo.npy", header("<f8", "0", "(1,)"), 8), "header.fortran_order").hasMessageContaining("not a bool: 0");
    }

    @Test
    void hugeShapeInATruncatedFileFailsBeforeAllocating() throws Exception {
        Path p = npy("big.npy", header("<f8", "False", "(2000000000,)"), 16);
        failsAt(p, "data").hasMessageContaining("16 bytes present").hasMessageContaining("expected 16000000000 bytes");
    }

    @Test
    void hugeShapeOverAShortStreamFailsAsTruncatedWithoutAllocatingItAll() throws Exception {
        byte[] b = Files.readAllBytes(npy("big.npy", header("<f8", "False", "(2000000000,)"), 16));
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class,
                () -> NpyReader.read(new java.io.ByteArrayInputStream(b), "stdin"));
        assertThat(e.getMessage()).startsWith("stdin: data: truncated data: 16 bytes present");
    }

    @Test
    void streamOfUnknownLengthLargerThanTheInitialAllocationIsReadCompletely() throws Exception {
        int n = 3 * (1 << 20) + 5;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        NpyWriter.write(out, Fixtures.f64Tensor(n));
        io.lipschitz4j.linalg.Tensor t = NpyReader.read(new java.io.ByteArrayInputStream(out.toByteArray()), "big");
        assertThat(t.size()).isEqualTo(n);
        assertThat(t.data()[n - 1]).isEqualTo(Fixtures.f64(n - 1));
    }

    @Test
    void python2HeadersWithLongSuffixAreRead() throws Exception {
        Path p = npy("py2.npy", header("<f8", "False", "(2L, 1L)"), 16);
        assertThat(NpyReader.read(p).shape()).containsExactly(2, 1);
    }
}
