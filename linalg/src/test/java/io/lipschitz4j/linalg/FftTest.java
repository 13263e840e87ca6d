package io.lipschitz4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FftTest {
    static final double TOL = 1e-10;

    @Test
    void rfftMatchesDirectDftWithPaddingAndTruncation() {
        SplittableRandom r = new SplittableRandom(1);
        for (int[] c : new int[][] {{5, 8}, {5, 7}, {9, 4}, {1, 1}, {3, 2}}) {
            int len = c[0], n = c[1], count = 3;
            double[] x = new double[count * len];
            for (int i = 0; i < x.length; i++) x[i] = Gaussian.next(r);
            ComplexBatch X = Fft.rfft(x, count, len, n);
            assertThat(X.cols()).isEqualTo(n / 2 + 1);
            for (int b = 0; b < count; b++) {
                for (int f = 0; f <= n / 2; f++) {
                    double sr = 0, si = 0;
                    for (int j = 0; j < Math.min(len, n); j++) {
                        double t = -2 * Math.PI * f * j / n;
                        sr += x[b * len + j] * Math.cos(t);
                        si += x[b * len + j] * Math.sin(t);
                    }
                    assertThat(X.re(b, 0, f)).isCloseTo(sr, org.assertj.core.data.Offset.offset(TOL));
                    assertThat(X.im(b, 0, f)).isCloseTo(si, org.assertj.core.data.Offset.offset(TOL));
                }
            }
            if (len == n) {
                double[] back = Fft.irfft(X, n);
                for (int i = 0; i < x.length; i++) assertThat(back[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(TOL));
            }
        }
    }

    @Test
    void rfft2MatchesDirectDftAndInverts() {
        SplittableRandom r = new SplittableRandom(2);
        for (int[] c : new int[][] {{3, 3, 6, 8}, {3, 2, 5, 7}, {4, 4, 4, 4}, {2, 5, 3, 3}}) {
            int l1 = c[0], l2 = c[1], n1 = c[2], n2 = c[3], count = 2;
            double[] x = new double[count * l1 * l2];
            for (int i = 0; i < x.length; i++) x[i] = Gaussian.next(r);
            ComplexBatch X = Fft.rfft2(x, count, l1, l2, n1, n2);
            for (int b = 0; b < count; b++) {
                for (int f1 = 0; f1 < n1; f1++) {
                    for (int f2 = 0; f2 <= n2 / 2; f2++) {
                        double sr = 0, si = 0;
                        for (int i = 0; i < Math.min(l1, n1); i++) {
                            for (int j = 0; j < Math.min(l2, n2); j++) {
                                double t = -2 * Math.PI * ((double) f1 * i / n1 + (double) f2 * j / n2);
                                double v = x[(b * l1 + i) * l2 + j];
                                sr += v * Math.cos(t);
                                si += v * Math.sin(t);
                            }
                        }
                        assertThat(X.re(b, f1, f2)).isCloseTo(sr, org.assertj.core.data.Offset.offset(TOL));
                        assertThat(X.im(b, f1, f2)).isCloseTo(si, org.assertj.core.data.Offset.offset(TOL));
                    }
                }
            }
            if (l1 == n1 && l2 == n2) {
                double[] back = Fft.irfft2(X, n1, n2);
                for (int i = 0; i < x.length; i++) assertThat(back[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(TOL));
            }
        }
    }

    @Test
    void realEmbeddingDoublesSingularValues() {
        ComplexBatch z = ComplexBatch.zeros(1, 2, 2);
        z.set(0, 0, 0, 3, 4); // 5
        z.set(0, 1, 1, 0, 2); // 2
        double[] s = Lapack.singularValues(z.realEmbedding(0));
        assertThat(s).containsExactly(new double[] {5, 5, 2, 2}, org.assertj.core.data.Offset.offset(1e-14));
    }
}
