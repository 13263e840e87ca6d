package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.function.IntToDoubleFunction;

import static io.lipschitz4j.io.Fixtures.f64;
import static io.lipschitz4j.io.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

/** Reads the NumPy-made fixtures and checks them against the formulas in make_fixtures.py. */
class NpyReaderFixturesTest {

    private static void assertValues(Tensor t, int[] shape, IntToDoubleFunction f) {
        assertThat(t.shape()).containsExactly(shape);
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.data()[i]).as("flat index %d", i).isEqualTo(f.applyAsDouble(i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8_3x4.npy", "f8be_3x4.npy", "f8_3x4_v2.npy", "f8_3x4_v3.npy"})
    void float64InBothByteOrdersAndAllHeaderVersionsIsExact(String name) throws Exception {
        assertValues(NpyReader.read(path(name)), new int[] {3, 4}, Fixtures::f64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f4_3x4.npy", "f4be_3x4.npy"})
    void float32IsTheNearestFloatOfTheFormula(String name) throws Exception {
        assertValues(NpyReader.read(path(name)), new int[] {3, 4}, i -> (float) f64(i));
    }

    @Test
    void float16IsExact() throws Exception {
        assertValues(NpyReader.read(path("f2_3x4.npy")), new int[] {3, 4}, i -> (i - 3) / 4.0);
    }

    @Test
    void integerAndBoolTypesConvertExactly() throws Exception {
        int[] s = {3, 4};
        assertValues(NpyReader.read(path("i1_3x4.npy")), s, i -> i - 5);
        assertValues(NpyReader.read(path("i4_3x4.npy")), s, i -> i * 1000 - 5);
        assertValues(NpyReader.read(path("i8_3x4.npy")), s, i -> (double) (i * (1L << 40) - 7));
        assertValues(NpyReader.read(path("u1_3x4.npy")), s, i -> (i * 37) % 256);
        assertValues(NpyReader.read(path("u2_3x4.npy")), s, i -> i * 3000);
        assertValues(NpyReader.read(path("b1_3x4.npy")), s, i -> i % 3 == 0 ? 1 : 0);
    }

    @Test
    void zeroOneThreeAndFourDimensionalArrays() throws Exception {
        assertValues(NpyReader.read(path("f8_0d.npy")), new int[] {}, Fixtures::f64);
        assertValues(NpyReader.read(path("f8_1d_5.npy")), new int[] {5}, Fixtures::f64);
        assertValues(NpyReader.read(path("f8_3d_2x3x4.npy")), new int[] {2, 3, 4}, Fixtures::f64);
        Tensor kernel = NpyReader.read(path("f8_kernel_2x3x3x3.npy"));
        assertValues(kernel, new int[] {2, 3, 3, 3}, Fixtures::f64);
        // C order: kernel[o][c][h][w] sits at ((o*3 + c)*3 + h)*3 + w
        assertThat(kernel.get(1, 2, 0, 1)).isEqualTo(f64(((1 * 3 + 2) * 3 + 0) * 3 + 1));
    }

    @Test
    void emptyArrayKeepsItsShape() throws Exception {
        Tensor t = NpyReader.read(path("f8_empty_0x3.npy"));
        assertThat(t.shape()).containsExactly(0, 3);
        assertThat(t.size()).isZero();
    }

    @Test
    void streamReadingStopsRightAfterTheArraySoConcatenatedArraysCanBeRead() throws Exception {
        byte[] a = Files.readAllBytes(path("f8_1d_5.npy"));
        byte[] b = Files.readAllBytes(path("i1_3x4.npy"));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        try (InputStream in = new java.io.ByteArrayInputStream(both)) {
            assertThat(NpyReader.read(in, "two.npy").shape()).containsExactly(5);
            assertThat(NpyReader.read(in, "two.npy").shape()).containsExactly(3, 4);
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
