package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GramIterationPerFrequencyTest {
    /** LAPACK's own σ₁ is accurate to a few ulps; the reference is taken this much larger. */
    private static final double LAPACK_SLACK = 1e-13;

    private static double exact(Convolution c) {
        return Lapack.singularValues(new ConvOperator(c).toDense())[0];
    }

    private static Convolution random(SplittableRandom r, double scale) {
        int out = 1 + r.nextInt(4), groups = 1 + r.nextInt(2), inPerGroup = 1 + r.nextInt(3);
        out *= groups;
        int k = 1 + r.nextInt(3), n = 4 + r.nextInt(5);
        double[] w = Gaussian.vector(out * inPerGroup * k * k, r.nextLong());
        for (int i = 0; i < w.length; i++) w[i] *= scale;
        Tensor kernel = new Tensor(new int[] {out, inPerGroup, k, k}, w);
        boolean circular = r.nextBoolean();
        int s = 1 + r.nextInt(2);
        if (circular && n % s != 0) n += 1;
        int p = circular ? 0 : (k - 1) / 2;
        return new Convolution(kernel, new int[] {n, n}, circular ? Padding.CIRCULAR : Padding.ZERO, new int[] {p, p},
                new int[] {s, s}, new int[] {1, 1}, groups);
    }

    @Test
    void isACertifiedUpperBoundAcrossGeometriesAndScales() {
        SplittableRandom r = new SplittableRandom(42);
        for (double scale : new double[] {1, 1e-150, 1e150}) {
            for (int trial = 0; trial < 40; trial++) {
                Convolution c = random(r, scale);
                double ex = exact(c);
                Bound b = GramIterationPerFrequency.upper(c, 8);
                assertThat(b.kind()).isEqualTo(BoundKind.UPPER);
                assertThat(b.value()).as("%s exact %s", c, ex).isGreaterThanOrEqualTo(ex * (1 - LAPACK_SLACK));
                if (c.padding() == Padding.CIRCULAR) {
                    // 8 steps: the Frobenius finish is within p^(1/512) of ‖H‖, i.e. < 0.3% on σ for p ≤ 4
                    assertThat(b.value()).isLessThanOrEqualTo(ex * 1.003);
                }
            }
        }
    }

    @Test
    void tightensWithIterationsAndMatchesTheCholeskyCertificate() {
        Tensor k = new Tensor(new int[] {6, 5, 3, 3}, Gaussian.vector(270, 7));
        Convolution c = Convolution.circular(k, 8, 8);
        double ex = exact(c);
        double prev = Double.POSITIVE_INFINITY;
        for (int t : new int[] {0, 2, 4, 8, 12}) {
            double v = GramIterationPerFrequency.upper(c, t).value();
            assertThat(v).isGreaterThanOrEqualTo(ex).isLessThanOrEqualTo(prev);
            prev = v;
        }
        assertThat(prev / ex - 1).isLessThan(1e-6);
        assertThat(CertifiedConvNorm.certifiedSigmaMax(c).value()).isGreaterThanOrEqualTo(ex);
    }

    @Test
    void repeatedTopSingularValuesStayAbove() {
        // orthogonal-times-delta kernel: every singular value equals 3 (all frequencies tied)
        int m = 4;
        double[] w = new double[m * m * 9];
        for (int o = 0; o < m; o++) w[(o * m + (m - 1 - o)) * 9 + 4] = 3;
        Convolution c = Convolution.circular(new Tensor(new int[] {m, m, 3, 3}, w), 6, 6);
        assertThat(GramIterationPerFrequency.upper(c, 10).value()).isGreaterThanOrEqualTo(3.0).isLessThan(3.0 * (1 + 1e-2));
        assertThat(GramIterationPerFrequency.upper(new Convolution(new Tensor(new int[] {2, 2, 3, 3}, new double[36]), new int[] {5, 5},
                Padding.CIRCULAR, new int[2], new int[] {1, 1}, new int[] {1, 1}, 1), 5).value()).isZero();
    }
}
