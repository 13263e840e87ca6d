package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Blas;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShortGemm} against a float64 product, against the fused multiply-add chain its javadoc
 * promises (bit for bit) and against sgemm, for every k it takes, tiny and wide n, one and many rows.
 */
class ShortGemmTest {

    static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (2 * r.nextDouble() - 1);
        return a;
    }

    /** C = A·B through ShortGemm, A m×k row-major, B k×n row-major. */
    static float[] multiply(float[] a, float[] b, int m, int k, int n) {
        ShortGemm g = new ShortGemm();
        g.ensure(k, n);
        for (int p = 0; p < k; p++) System.arraycopy(b, p * n, g.rows[p], 0, n);
        float[] c = new float[m * n + 3];
        c[m * n] = 42f; // guard entries after C stay untouched
        g.multiply(a, 0, m, k, n, c, 0, new float[n]);
        assertThat(c[m * n]).isEqualTo(42f);
        return c;
    }

    @Test
    void equalsTheOrderedFmaChainAndTheFloat64ProductToFloatRounding() {
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 1; k <= ShortGemm.MAX_K; k++) {
            for (int[] mn : new int[][] {{1, 1}, {3, 7}, {16, 840}, {5, 33}}) {
                int m = mn[0], n = mn[1];
                float[] a = random(r, m * k), b = random(r, k * n);
                float[] c = multiply(a, b, m, k, n);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float chain = 0f;
                        double exact = 0, abs = 0;
                        for (int p = 0; p < k; p++) {
                            chain = Math.fma(a[i * k + p], b[p * n + j], chain);
                            exact += (double) a[i * k + p] * b[p * n + j];
                            abs += Math.abs((double) a[i * k + p] * b[p * n + j]);
                        }
                        assertThat(c[i * n + j]).as("k=%d m=%d n=%d (%d,%d)", k, m, n, i, j).isEqualTo(chain);
                        assertThat(Math.abs(c[i * n + j] - exact)).isLessThanOrEqualTo(k * 0x1p-24 * abs);
                    }
                }
            }
        }
    }

    @Test
    void agreesWithSgemm() {
        SplittableRandom r = new SplittableRandom(2);
        int m = 16, k = 9, n = 300;
        float[] a = random(r, m * k), b = random(r, k * n), ref = new float[m * n];
        Blas.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, ref, 0, n);
        float[] c = multiply(a, b, m, k, n);
        for (int i = 0; i < m * n; i++) assertThat(c[i]).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void smallIntegersAreExactAndOffsetsAreHonoured() {
        // products and sums of small integers are exact in float: the result must be the exact product
        int m = 2, k = 5, n = 4;
        float[] a = new float[3 + m * k];
        for (int i = 0; i < m * k; i++) a[3 + i] = i - 4;
        ShortGemm g = new ShortGemm();
        g.ensure(k, n);
        for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) g.rows[p][j] = p * n + j + 1;
        float[] c = new float[2 + m * n];
        g.multiply(a, 3, m, k, n, c, 2, new float[n]);
        assertThat(c[0]).isZero();
        assertThat(c[1]).isZero();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float want = 0;
                for (int p = 0; p < k; p++) want += a[3 + i * k + p] * (p * n + j + 1);
                assertThat(c[2 + i * n + j]).isEqualTo(want);
            }
        }
    }

    @Test
    void ensureKeepsLargeEnoughRowsAndRegrowsOthers() {
        ShortGemm g = new ShortGemm();
        g.ensure(9, 100);
        float[][] rows = g.rows;
        assertThat(rows).hasNumberOfRows(9);
        g.ensure(9, 50);
        assertThat(g.rows).isSameAs(rows);
        g.ensure(9, 200);
        assertThat(g.rows[0]).hasSize(200);
        g.ensure(4, 10);
        assertThat(g.rows).hasNumberOfRows(4);
    }
}
