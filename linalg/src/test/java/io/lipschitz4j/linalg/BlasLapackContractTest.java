package io.lipschitz4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Row-major facades agree with naive loops on every backend; shapes include empty, wide and tall. */
class BlasLapackContractTest {
    private static final double TOL = 1e-12;
    private static final int[][] SHAPES = {{0, 3}, {3, 0}, {1, 1}, {2, 7}, {7, 2}, {13, 13}, {40, 25}};
    private final Backend before = Backend.current();

    @AfterEach
    void restore() { Backend.use(before); }

    static java.util.List<Backend> backends() { return BackendsSource.available(); }

    static DenseMatrix naive(DenseMatrix a, boolean ta, DenseMatrix b, boolean tb) {
        DenseMatrix x = ta ? a.transpose() : a, y = tb ? b.transpose() : b;
        DenseMatrix c = DenseMatrix.zeros(x.rows(), y.cols());
        for (int i = 0; i < x.rows(); i++)
            for (int j = 0; j < y.cols(); j++) {
                double s = 0;
                for (int k = 0; k < x.cols(); k++) s += x.get(i, k) * y.get(k, j);
                c.set(i, j, s);
            }
        return c;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gemmAllTransposeCombinations(Backend backend) {
        Backend.use(backend);
        long seed = 1;
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = 5;
            for (boolean ta : new boolean[] {false, true})
                for (boolean tb : new boolean[] {false, true}) {
                    DenseMatrix a = ta ? DenseMatrix.gaussian(k, m, seed++) : DenseMatrix.gaussian(m, k, seed++);
                    DenseMatrix b = tb ? DenseMatrix.gaussian(n, k, seed++) : DenseMatrix.gaussian(k, n, seed++);
                    DenseMatrix c = DenseMatrix.zeros(m, n);
                    Blas.gemm(ta, tb, m, n, k, 1.0, a.data(), a.cols(), b.data(), b.cols(), 0.0, c.data(), n);
                    assertClose(c, naive(a, ta, b, tb));
                }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gemvAndSyrk(Backend backend) {
        Backend.use(backend);
        for (int[] s : SHAPES) {
            DenseMatrix a = DenseMatrix.gaussian(s[0], s[1], 3);
            double[] x = Gaussian.vector(s[1], 4), y = new double[s[0]];
            Blas.gemv(false, a, x, y);
            assertClose(new DenseMatrix(s[0], 1, y), naive(a, false, new DenseMatrix(s[1], 1, x), false));
            double[] z = Gaussian.vector(s[0], 5), w = new double[s[1]];
            Blas.gemv(true, a, z, w);
            assertClose(new DenseMatrix(s[1], 1, w), naive(a, true, new DenseMatrix(s[0], 1, z), false));
            int n = s[1];
            double[] g = new double[n * n];
            Blas.syrkAtA(n, s[0], 1.0, a.data(), n, 0.0, g, n);
            DenseMatrix ref = naive(a, true, a, false);
            for (int i = 0; i < n; i++)
                for (int j = i; j < n; j++) assertThat(g[i * n + j]).isCloseTo(ref.get(i, j), within(TOL * (1 + Math.abs(ref.get(i, j)))));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void svdReconstructsAndValuesMatch(Backend backend) {
        Backend.use(backend);
        for (int[] s : SHAPES) {
            DenseMatrix a = DenseMatrix.gaussian(s[0], s[1], 9);
            double[] values = Lapack.singularValues(a);
            Lapack.Svd svd = Lapack.svd(a);
            assertThat(values).hasSize(Math.min(s[0], s[1]));
            for (int i = 0; i < values.length; i++) assertThat(svd.s()[i]).isCloseTo(values[i], within(TOL * (1 + values[0])));
            for (int i = 1; i < values.length; i++) assertThat(values[i]).isLessThanOrEqualTo(values[i - 1]);
            // A = U diag(s) Vᵀ
            DenseMatrix us = svd.u().copy();
            for (int i = 0; i < us.rows(); i++) for (int j = 0; j < us.cols(); j++) us.set(i, j, us.get(i, j) * svd.s()[j]);
            assertClose(naive(us, false, svd.v(), true), a);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void symmetricEigenvaluesCholeskyAndTridiagonal(Backend backend) {
        Backend.use(backend);
        DenseMatrix b = DenseMatrix.gaussian(12, 9, 2);
        DenseMatrix g = naive(b, true, b, false); // 9×9 SPD
        double[] eig = Lapack.symmetricEigenvalues(g);
        double[] sv = Lapack.singularValues(b);
        for (int i = 0; i < 9; i++) assertThat(eig[8 - i]).isCloseTo(sv[i] * sv[i], within(1e-11 * sv[0] * sv[0]));
        double[] r = g.data().clone();
        assertThat(Lapack.choleskyInPlace(r, 9)).isZero();
        for (int i = 0; i < 9; i++) for (int j = 0; j < i; j++) r[i * 9 + j] = 0; // keep the row-major upper R
        DenseMatrix rm = new DenseMatrix(9, 9, r);
        assertClose(naive(rm, true, rm, false), g);
        double[] neg = g.data().clone();
        neg[4 * 9 + 4] = -1;
        assertThat(Lapack.choleskyInPlace(neg, 9)).isPositive();
        // tridiagonal 2,-1 Toeplitz: eigenvalues 2 - 2cos(kπ/(n+1))
        int n = 10;
        double[] d = new double[n], e = new double[n - 1];
        Arrays.fill(d, 2);
        Arrays.fill(e, -1);
        Lapack.tridiagonalEigenvaluesInPlace(d, e, n);
        for (int k = 1; k <= n; k++) assertThat(d[k - 1]).isCloseTo(2 - 2 * Math.cos(k * Math.PI / (n + 1)), within(1e-14));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void nonFiniteInputIsRejected(Backend backend) {
        Backend.use(backend);
        DenseMatrix a = DenseMatrix.gaussian(3, 3, 1);
        a.set(1, 2, Double.NaN);
        assertThatThrownBy(() -> Lapack.singularValues(a)).isInstanceOf(LinalgException.class).hasMessageContaining("NaN");
    }

    private static void assertClose(DenseMatrix got, DenseMatrix want) {
        assertThat(got.rows()).isEqualTo(want.rows());
        assertThat(got.cols()).isEqualTo(want.cols());
        double scale = 1 + want.maxAbs();
        for (int i = 0; i < got.data().length; i++) assertThat(got.data()[i]).isCloseTo(want.data()[i], within(TOL * scale * 10));
    }
}
