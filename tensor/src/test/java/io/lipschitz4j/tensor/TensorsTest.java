package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

class TensorsTest {
    static final double TOL = 1e-10;

    static void assertClose(double[] a, double[] b, double tol) {
        assertThat(a.length).isEqualTo(b.length);
        double scale = 1;
        for (double v : b) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < a.length; i++) assertThat(a[i]).as("entry %d", i).isCloseTo(b[i], within(tol * scale));
    }

    @Test void unfoldingsMatchTheirDefinitions() {
        Tensor x = Tensors.gaussian(1, 2, 3, 4, 5);
        int[] s = x.shape();
        for (int n = 0; n < 4; n++) {
            DenseMatrix c = Tensors.unfoldC(x, n), kb = Tensors.unfoldKB(x, n);
            for (int flat = 0; flat < x.size(); flat++) {
                int[] idx = Tensors.multiIndex(s, flat);
                // C order: last remaining index fastest
                int jc = 0;
                for (int k = 0; k < 4; k++) if (k != n) jc = jc * s[k] + idx[k];
                // Kolda–Bader: first remaining index fastest
                int jkb = 0, stride = 1;
                for (int k = 0; k < 4; k++) if (k != n) { jkb += idx[k] * stride; stride *= s[k]; }
                assertThat(c.get(idx[n], jc)).isEqualTo(x.data()[flat]);
                assertThat(kb.get(idx[n], jkb)).isEqualTo(x.data()[flat]);
            }
            assertThat(Tensors.foldC(c, n, s).data()).containsExactly(x.data());
            assertThat(Tensors.foldKB(kb, n, s).data()).containsExactly(x.data());
        }
    }

    @Test void modeProductMatchesUnfoldingIdentity() {
        // Y = X ×_n U  ⇔  Y_(n) = U·X_(n), in both orders
        Tensor x = Tensors.gaussian(2, 3, 4, 5);
        for (int n = 0; n < 3; n++) {
            DenseMatrix u = DenseMatrix.gaussian(6, x.dim(n), 10 + n);
            Tensor y = Tensors.modeProduct(x, u, n);
            assertClose(Tensors.unfoldC(y, n).data(), u.times(Tensors.unfoldC(x, n)).data(), TOL);
            assertClose(Tensors.unfoldKB(y, n).data(), u.times(Tensors.unfoldKB(x, n)).data(), TOL);
            Tensor yt = Tensors.modeProductT(x, u.transpose(), n);
            assertClose(yt.data(), y.data(), TOL);
        }
    }

    @Test void khatriRaoAndKroneckerEntries() {
        DenseMatrix a = DenseMatrix.gaussian(3, 4, 1), b = DenseMatrix.gaussian(5, 4, 2), c = DenseMatrix.gaussian(2, 3, 3);
        DenseMatrix kr = Tensors.khatriRao(a, b);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 5; j++) for (int r = 0; r < 4; r++)
            assertThat(kr.get(i * 5 + j, r)).isEqualTo(a.get(i, r) * b.get(j, r));
        DenseMatrix kron = Tensors.kronecker(a, c);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 2; k++) for (int l = 0; l < 3; l++)
            assertThat(kron.get(i * 2 + k, j * 3 + l)).isEqualTo(a.get(i, j) * c.get(k, l));
        // (A ⊙ B)ᵀ(A ⊙ B) = AᵀA ⊛ BᵀB   (Kolda & Bader 2009, eq. (2.2))
        assertClose(Tensors.gram(kr).data(), Tensors.hadamard(Tensors.gram(a), Tensors.gram(b)).data(), TOL);
        // (A ⊗ B)(C ⊗ D) = AC ⊗ BD
        DenseMatrix p = DenseMatrix.gaussian(4, 2, 4), q = DenseMatrix.gaussian(3, 2, 5);
        assertClose(Tensors.kronecker(a, c).times(Tensors.kronecker(p, q)).data(), Tensors.kronecker(a.times(p), c.times(q)).data(), TOL);
        assertThatThrownBy(() -> Tensors.khatriRao(a, c)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column");
    }

    @Test void mttkrpEqualsUnfoldingTimesKhatriRaoInBothOrders() {
        for (int[] shape : new int[][] {{4, 5}, {3, 4, 5}, {2, 3, 4, 3}, {3, 2, 2, 2, 3}}) {
            int nd = shape.length, r = 3;
            Tensor x = Tensors.gaussian(7, shape);
            DenseMatrix[] f = new DenseMatrix[nd];
            for (int k = 0; k < nd; k++) f[k] = DenseMatrix.gaussian(shape[k], r, 20 + k);
            for (int n = 0; n < nd; n++) {
                DenseMatrix[] incr = new DenseMatrix[nd - 1], decr = new DenseMatrix[nd - 1];
                for (int k = 0, j = 0; k < nd; k++) if (k != n) incr[j++] = f[k];
                for (int k = nd - 1, j = 0; k >= 0; k--) if (k != n) decr[j++] = f[k];
                DenseMatrix viaC = Tensors.unfoldC(x, n).times(Tensors.khatriRao(incr));
                DenseMatrix viaKB = Tensors.unfoldKB(x, n).times(Tensors.khatriRao(decr));
                DenseMatrix m = Tensors.mttkrp(x, f, n);
                assertClose(m.data(), viaC.data(), 1e-12);
                assertClose(m.data(), viaKB.data(), 1e-12);
            }
        }
    }

    @Test void cpUnfoldingIdentityInBothOrders() {
        CPTensor cp = CPTensor.random(3, 2, 3, 4, 5);
        Tensor x = cp.toDense();
        DenseMatrix[] a = cp.factors();
        // KB: X_(1) = A_1 (A_2 ⊙ A_0)ᵀ ; C: X_[1] = A_1 (A_0 ⊙ A_2)ᵀ
        assertClose(Tensors.unfoldKB(x, 1).data(), a[1].times(Tensors.khatriRao(a[2], a[0]).transpose()).data(), TOL);
        assertClose(Tensors.unfoldC(x, 1).data(), a[1].times(Tensors.khatriRao(a[0], a[2]).transpose()).data(), TOL);
    }

    @Test void normsAndInnerProducts() {
        Tensor x = Tensors.of(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
        assertThat(x.shape()).containsExactly(2, 2, 2);
        assertThat(Tensors.norm(x)).isCloseTo(Math.sqrt(204), within(1e-13));
        assertThat(Tensors.inner(x, x)).isCloseTo(204, within(1e-12));
        assertThat(Tensors.norm(Tensors.of(new double[] {3e200, 4e200}))).isCloseTo(5e200, within(1e188));
    }

    @Test void permuteMatchesIndexing() {
        Tensor x = Tensors.gaussian(9, 2, 3, 4);
        Tensor p = Tensors.permute(x, 2, 0, 1);
        assertThat(p.shape()).containsExactly(4, 2, 3);
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++)
            assertThat(p.get(k, i, j)).isEqualTo(x.get(i, j, k));
    }

    @Test void badInputIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> Tensors.of(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ragged");
        assertThatThrownBy(() -> Tensors.gaussian(0, 2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        Tensor nan = Tensors.of(new double[][] {{1, 2}, {Double.NaN, 4}});
        assertThatThrownBy(() -> Tensors.requireFinite(nan, "X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 0]");
        assertThatThrownBy(() -> Tensors.modeProduct(Tensors.gaussian(0, 2, 3), DenseMatrix.zeros(2, 2), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode-1");
        assertThatThrownBy(() -> Tensors.permute(Tensors.gaussian(0, 2, 3), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permutation");
    }
}
