package io.lipschitz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.io.NpyWriter;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives exit code 1 and one line that names the file (or flag) and the problem — never a stack trace. */
class CliErrorTest {
    @TempDir
    Path dir;

    private Path kernel(int... shape) throws Exception {
        Path p = dir.resolve("k" + Arrays.toString(shape).replaceAll("\\D+", "_") + ".npy");
        NpyWriter.write(p, new Tensor(shape, Gaussian.vector((int) Tensor.sizeOf(shape), 1)));
        return p;
    }

    /** A valid .npy of a [2,2,3,3] kernel as bytes, to be damaged by the tests. */
    private byte[] validBytes() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        NpyWriter.write(b, new Tensor(new int[] {2, 2, 3, 3}, Gaussian.vector(36, 2)));
        return b.toByteArray();
    }

    private static byte[] withHeader(String dict, int dataBytes) {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + header.length + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (header.length & 0xff), (byte) (header.length >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(header, 0, out, 10, header.length);
        return out;
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] v = validBytes();
        Path p = dir.resolve("truncated.npy");
        Files.write(p, Arrays.copyOf(v, v.length - 20));
        CliRun.assertUserError(CliRun.of("spectrum", p.toString(), "--input", "8x8"), "truncated.npy");
    }

    @Test
    void wrongMagic() throws Exception {
        byte[] v = validBytes();
        v[1] = 'X';
        Path p = dir.resolve("magic.npy");
        Files.write(p, v);
        CliRun.assertUserError(CliRun.of("spectrum", p.toString(), "--input", "8x8"), "magic.npy", "magic");
    }

    @Test
    void wrongDtype() throws Exception {
        Path p = dir.resolve("complex.npy");
        Files.write(p, withHeader("{'descr': '<c16', 'fortran_order': False, 'shape': (2, 2, 3, 3), }", 36 * 16));
        CliRun.assertUserError(CliRun.of("spectrum", p.toString(), "--input", "8x8"), "complex.npy", "<c16");
    }

    @Test
    void fortranOrder() throws Exception {
        Path p = dir.resolve("fortran.npy");
        Files.write(p, withHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2, 3, 3), }", 36 * 8));
        CliRun.assertUserError(CliRun.of("spectrum", p.toString(), "--input", "8x8"), "fortran.npy", "ortran");
    }

    @Test
    void nanEntries() throws Exception {
        double[] d = Gaussian.vector(36, 3);
        d[17] = Double.NaN;
        Path p = dir.resolve("nan.npy");
        NpyWriter.write(p, new Tensor(new int[] {2, 2, 3, 3}, d));
        CliRun.assertUserError(CliRun.of("spectrum", p.toString(), "--input", "8x8"), "nan.npy");
        Path m = dir.resolve("inf.npy");
        double[] e = Gaussian.vector(12, 4);
        e[5] = Double.POSITIVE_INFINITY;
        NpyWriter.write(m, new Tensor(new int[] {3, 4}, e));
        CliRun.assertUserError(CliRun.of("norm", m.toString()), "inf.npy");
    }

    @Test
    void kernelShapeDoesNotMatchFlags() throws Exception {
        Path k = kernel(16, 8, 3, 3);
        CliRun.assertUserError(CliRun.of("spectrum", k.toString(), "--input", "8x8", "--groups", "3"), k.getFileName().toString(), "groups");
        CliRun.assertUserError(CliRun.of("spectrum", k.toString(), "--input", "16x16x16"), "--input");
        CliRun.assertUserError(CliRun.of("spectrum", k.toString(), "--input", "2x2", "--padding", "zero", "--pad", "0"), k.getFileName().toString());
        Path vector = kernel(5);
        CliRun.assertUserError(CliRun.of("spectrum", vector.toString(), "--input", "8"), "not a convolution kernel");
        CliRun.assertUserError(CliRun.of("norm", vector.toString()), "not a matrix");
    }

    @Test
    void missingFileAndBadFlags() {
        CliRun.assertUserError(CliRun.of("spectrum", dir.resolve("nope.npy").toString(), "--input", "8x8"), "nope.npy", "no such file");
        CliRun.assertUserError(CliRun.of("norm", "--random", "10", "--method", "magic"), "--method");
        CliRun.assertUserError(CliRun.of("spectrum", "x.npy"), "--input");
        CliRun.assertUserError(CliRun.of("norm", "--bogus"), "--bogus");
    }
}
