package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static io.lipschitz4j.io.Fixtures.f64Tensor;
import static io.lipschitz4j.io.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyWriterTest {

    @TempDir Path dir;

    private static int[] shape(String s) {
        return s.isEmpty() ? new int[0] : Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray();
    }

    @ParameterizedTest
    @CsvSource({"f8_3x4.npy, 3x4", "f8_0d.npy, ''", "f8_1d_5.npy, 5", "f8_3d_2x3x4.npy, 2x3x4",
            "f8_kernel_2x3x3x3.npy, 2x3x3x3", "f8_empty_0x3.npy, 0x3"})
    void outputIsByteForByteWhatNumpySaveWrites(String fixture, String shape) throws Exception {
        Path out = dir.resolve("out.npy");
        NpyWriter.write(out, f64Tensor(shape(shape)));
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(path(fixture)));
    }

    @Test
    void roundTripKeepsEveryBitIncludingSpecialValues() throws Exception {
        Random rnd = new Random(42);
        double[] data = new double[5 * 7 * 3];
        for (int i = 0; i < data.length; i++) data[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
        data[0] = -0.0;
        data[1] = Double.NaN;
        data[2] = Double.POSITIVE_INFINITY;
        data[3] = Double.MIN_VALUE;
        Tensor t = new Tensor(new int[] {5, 7, 3}, data);
        Path out = dir.resolve("rt.npy");
        NpyWriter.write(out, t);
        Tensor back = NpyReader.read(out);
        assertThat(back.shape()).containsExactly(5, 7, 3);
        for (int i = 0; i < data.length; i++) {
            assertThat(Double.doubleToRawLongBits(back.data()[i])).isEqualTo(Double.doubleToRawLongBits(data[i]));
        }
    }

    @Test
    void largeArraysSpanSeveralWriteChunks() throws Exception {
        Tensor t = f64Tensor(3, 10_001);
        Path out = dir.resolve("big.npy");
        NpyWriter.write(out, t);
        assertThat(NpyReader.read(out).data()).containsExactly(t.data());
    }

    @Test
    void headerDataStartsOnA64ByteBoundaryForManyShapes() {
        for (int rank = 0; rank <= 6; rank++) {
            for (int d = 0; d < 200; d += 37) {
                int[] shape = new int[rank];
                Arrays.fill(shape, d);
                byte[] h = NpyHeader.encodeF8(shape);
                assertThat(h.length % 64).isZero();
                assertThat(h[h.length - 1]).isEqualTo((byte) '\n');
            }
        }
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
        Path out = dir.resolve("w.npy");
        Files.writeString(out, "old content");
        NpyWriter.write(out, f64Tensor(2, 2));
        assertThat(NpyReader.read(out).shape()).containsExactly(2, 2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void writtenFileIsNotOwnerOnly() throws Exception {
        Path out = dir.resolve("perm.npy");
        NpyWriter.write(out, f64Tensor(2));
        if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.createFile(dir.resolve("plain"));
            assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(plain));
            assertThat(Files.getPosixFilePermissions(out)).contains(PosixFilePermission.OWNER_READ);
        }
    }

    @Test
    void failedWriteKeepsTheOldFileAndCleansUp() throws Exception {
        Path out = dir.resolve("keep.npy");
        Files.writeString(out, "old");
        IOException boom = new IOException("disk full");
        assertThatThrownBy(() -> AtomicFiles.write(out, (OutputStream s) -> {
            s.write(new byte[100]);
            throw boom;
        })).isSameAs(boom);
        assertThat(Files.readString(out)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }
}
