package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SedghiSpectrumTest {
    static final double TOL = 1e-10;

    static void assertSpectrumMatchesDense(Convolution c) {
        ConvSpectrum s = SedghiSpectrum.compute(c);
        double[] ref = Lapack.singularValues(ReferenceConv.matrix(c));
        assertThat(s.values()).hasSize(ref.length);
        double scale = ref.length == 0 ? 0 : ref[0];
        for (int i = 0; i < ref.length; i++) {
            assertThat(Math.abs(s.values()[i] - ref[i])).as("value %d of %d", i, ref.length).isLessThanOrEqualTo(TOL * scale);
        }
        assertThat(s.sigmaMax().holdsFor(scale)).isTrue();
        double gridMax = 0;
        for (double v : s.perFrequencyMax()) gridMax = Math.max(gridMax, v);
        assertThat(gridMax).isEqualTo(s.values()[0]);
    }

    static Stream<Arguments> cases2d() {
        return Stream.of(
                // out, in/groups, k1, k2, n1, n2, stride1, stride2, dil1, dil2, groups
                Arguments.of(3, 3, 3, 3, 6, 6, 1, 1, 1, 1, 1),
                Arguments.of(4, 2, 3, 3, 5, 7, 1, 1, 1, 1, 1),   // m_out > m_in, odd, non-square
                Arguments.of(2, 5, 3, 2, 6, 5, 1, 1, 1, 1, 1),   // m_in > m_out, even kernel side
                Arguments.of(4, 2, 3, 3, 6, 6, 1, 1, 1, 1, 2),   // groups
                Arguments.of(3, 3, 3, 3, 8, 7, 1, 1, 2, 3, 1),   // dilation
                Arguments.of(3, 2, 3, 3, 8, 8, 2, 2, 1, 1, 1),   // stride 2
                Arguments.of(5, 2, 3, 3, 6, 8, 2, 1, 1, 1, 1),   // stride (2,1), S·m_in < m_out
                Arguments.of(2, 3, 2, 2, 6, 6, 3, 2, 1, 1, 1),   // stride (3,2)
                Arguments.of(4, 1, 3, 3, 6, 6, 2, 2, 1, 1, 4),   // depthwise, stride
                Arguments.of(3, 3, 5, 5, 4, 4, 1, 1, 1, 1, 1),   // kernel larger than input
                Arguments.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
    }

    @ParameterizedTest
    @MethodSource("cases2d")
    void matchesDenseSvd2d(int out, int in, int k1, int k2, int n1, int n2, int s1, int s2, int d1, int d2, int groups) {
        Tensor k = ReferenceConv.randomKernel(31L * out + 7L * n1 + n2 + s1, 1.0, out, in, k1, k2);
        assertSpectrumMatchesDense(ReferenceConv.conv2d(k, n1, n2, Padding.CIRCULAR, 0, s1, s2, d1, d2, groups));
    }

    static Stream<Arguments> cases1d() {
        return Stream.of(
                Arguments.of(1, 1, 3, 8, 1, 1, 1), Arguments.of(1, 1, 4, 7, 1, 1, 1),
                Arguments.of(3, 2, 3, 9, 1, 1, 1), Arguments.of(2, 4, 5, 10, 2, 1, 1),
                Arguments.of(4, 2, 3, 12, 3, 2, 2), Arguments.of(3, 3, 3, 11, 1, 3, 1));
    }

    @ParameterizedTest
    @MethodSource("cases1d")
    void matchesDenseSvd1d(int out, int in, int k, int n, int s, int d, int groups) {
        Tensor w = ReferenceConv.randomKernel(13L * out + n + s, 1.0, out, in, k);
        assertSpectrumMatchesDense(ReferenceConv.conv1d(w, n, Padding.CIRCULAR, 0, s, d, groups));
    }

    @Test
    void rankDeficientAndScaledKernelsStayAccurate() {
        // rank one in channels: K[:,:,a,b] = u vᵀ c_ab, every block has rank 1 (σ = 0 with multiplicity)
        int m = 4;
        Tensor k = Tensor.zeros(m, m, 3, 3);
        Tensor u = ReferenceConv.randomKernel(1, 1, m), v = ReferenceConv.randomKernel(2, 1, m), c = ReferenceConv.randomKernel(3, 1, 9);
        for (int o = 0; o < m; o++) for (int i = 0; i < m; i++) for (int t = 0; t < 9; t++)
            k.data()[(o * m + i) * 9 + t] = u.data()[o] * v.data()[i] * c.data()[t];
        assertSpectrumMatchesDense(Convolution.circular(k, 5, 6));
        for (double scale : new double[] {1e-150, 1e150}) {
            Tensor w = ReferenceConv.randomKernel(9, scale, 3, 2, 3, 3);
            assertSpectrumMatchesDense(Convolution.circular(w, 6, 5));
        }
    }

    @Test
    void orthogonalTimesDeltaHasAllOnes() {
        // a permutation (orthogonal) times a delta: every singular value 1 (maximal multiplicity)
        int m = 3;
        Tensor k = Tensor.zeros(m, m, 3, 3);
        k.data()[(0 * m + 1) * 9 + 4] = 1; k.data()[(1 * m + 2) * 9 + 4] = 1; k.data()[(2 * m + 0) * 9 + 4] = -1;
        ConvSpectrum s = SedghiSpectrum.compute(Convolution.circular(k, 4, 4));
        for (double x : s.values()) assertThat(x).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-14));
        assertThat(s.values()).hasSize(48);
    }

    @Test
    void separableGramMatchesDirectPhaseSum() throws Exception {
        java.lang.reflect.Method direct = TapGrams.class.getDeclaredMethod("stride1GramDirect", int.class, int.class, double[].class, double[].class);
        direct.setAccessible(true);
        Convolution[] cases = {
                Convolution.circular(ReferenceConv.randomKernel(21, 1.0, 5, 4, 3, 3), 7, 6),
                Convolution.circular(ReferenceConv.randomKernel(22, 1.0, 3, 3, 1, 1), 4, 5),
                Convolution.circular(ReferenceConv.randomKernel(23, 1.0, 4, 6, 5, 2), 9, 8),
                ReferenceConv.conv2d(ReferenceConv.randomKernel(24, 1.0, 3, 3, 3, 3), 10, 9, Padding.CIRCULAR, 0, 1, 1, 2, 2, 1),
                ReferenceConv.conv1d(ReferenceConv.randomKernel(25, 1.0, 4, 3, 3), 7, Padding.CIRCULAR, 0, 1, 1, 1)};
        for (Convolution c : cases) {
            TapGrams t = TapGrams.of(c, 0, 0, 0);
            int p = t.p;
            double[] hr = new double[p * p], hi = new double[p * p], gr = new double[p * p], gi = new double[p * p];
            java.util.List<FrequencyGrid.Frequency> fs = new java.util.ArrayList<>(FrequencyGrid.halfSpectrum(t.o1, t.o2));
            java.util.Collections.shuffle(fs, new java.util.Random(3)); // revisits g2 columns out of order
            double z = 0;
            for (double v : t.absSum) z += v * v;
            for (FrequencyGrid.Frequency f : fs) {
                t.gramAt(f.g1(), f.g2(), hr, hi);
                direct.invoke(t, f.g1(), f.g2(), gr, gi);
                for (int i = 0; i < p * p; i++) {
                    assertThat(Math.abs(hr[i] - gr[i])).isLessThanOrEqualTo(1e-13 * z);
                    assertThat(Math.abs(hi[i] - gi[i])).isLessThanOrEqualTo(1e-13 * z);
                }
            }
        }
    }

    @Test
    void nearlyRankDeficientKernelsMeetTheNormwiseTolerance() {
        // rank one in channels plus ε·noise: many singular values of order ε·σ_max, the regime where the
        // recomputation decision (calibrated model 4·√p·u·λ_max(f)) matters
        int m = 8;
        Tensor u = ReferenceConv.randomKernel(31, 1, m), v = ReferenceConv.randomKernel(32, 1, m), c = ReferenceConv.randomKernel(33, 1, 9);
        for (double eps : new double[] {1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8}) {
            Tensor noise = ReferenceConv.randomKernel(34, eps, m, m, 3, 3);
            Tensor k = Tensor.zeros(m, m, 3, 3);
            for (int o = 0; o < m; o++) for (int i = 0; i < m; i++) for (int t = 0; t < 9; t++) {
                int at = (o * m + i) * 9 + t;
                k.data()[at] = u.data()[o] * v.data()[i] * c.data()[t] + noise.data()[at];
            }
            assertSpectrumMatchesDense(Convolution.circular(k, 6, 7));
        }
    }
}
