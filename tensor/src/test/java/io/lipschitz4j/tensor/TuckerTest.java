package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

class TuckerTest {
    @Test void unfoldingIdentityInBothOrders() {
        TuckerTensor t = TuckerTensor.random(1, new int[] {2, 3, 2, 2}, 3, 4, 5, 3);
        Tensor x = t.toDense(), g = t.core();
        DenseMatrix[] a = {t.factor(0), t.factor(1), t.factor(2), t.factor(3)};
        int n = 1;
        // Kolda–Bader: X_(1) = A_1 G_(1) (A_3 ⊗ A_2 ⊗ A_0)ᵀ
        DenseMatrix kb = a[1].times(Tensors.unfoldKB(g, n)).times(Tensors.kronecker(a[3], a[2], a[0]).transpose());
        TensorsTest.assertClose(Tensors.unfoldKB(x, n).data(), kb.data(), 1e-10);
        // C order: X_[1] = A_1 G_[1] (A_0 ⊗ A_2 ⊗ A_3)ᵀ
        DenseMatrix c = a[1].times(Tensors.unfoldC(g, n)).times(Tensors.kronecker(a[0], a[2], a[3]).transpose());
        TensorsTest.assertClose(Tensors.unfoldC(x, n).data(), c.data(), 1e-10);
    }

    @Test void hosvdAndHooiRecoverPlantedTucker() {
        Tensor x = TuckerTensor.random(2, new int[] {3, 4, 2}, 8, 9, 10).toDense();
        Fit<TuckerTensor> h = Tucker.hosvd(x, 3, 4, 2);
        assertThat(h.status()).isEqualTo(Status.CONVERGED);
        assertThat(h.relativeError()).isLessThan(1e-8);
        assertThat(Tensors.relativeError(h.model().toDense(), x)).isLessThan(1e-8);
        Fit<TuckerTensor> o = Tucker.hooi(x, 3, 4, 2);
        assertThat(o.relativeError()).isLessThan(1e-8);
        Fit<TuckerTensor> tol = Tucker.hosvd(x, 1e-10);
        assertThat(tol.model().ranks()).containsExactly(3, 4, 2);
    }

    @Test void noisyTuckerToTheNoiseLevelAndHooiNoWorseThanHosvd() {
        Tensor clean = TuckerTensor.random(3, new int[] {3, 3, 3}, 10, 10, 10).toDense();
        double level = 1e-2;
        Tensor x = CpAlsTest.addNoise(clean, level, 8);
        Fit<TuckerTensor> h = Tucker.hosvd(x, 3, 3, 3);
        Fit<TuckerTensor> o = Tucker.hooi(x, 3, 3, 3);
        assertThat(h.relativeError()).isLessThan(level);
        assertThat(o.relativeError()).isLessThanOrEqualTo(h.relativeError() + 1e-15);
        assertThat(o.status()).isEqualTo(Status.CONVERGED);
        double[] hist = o.errorHistory();
        for (int i = 1; i < hist.length; i++) assertThat(hist[i]).isLessThanOrEqualTo(hist[i - 1] + 1e-14);
        // tolerance-chosen ranks meet the guarantee
        Fit<TuckerTensor> byTol = Tucker.hosvd(x, 0.05);
        assertThat(Tensors.relativeError(byTol.model().toDense(), x)).isLessThanOrEqualTo(0.05);
        Fit<TuckerTensor> hooiTol = Tucker.hooi(x, 0.05);
        assertThat(hooiTol.model().ranks()).containsExactly(byTol.model().ranks());
        assertThat(Tensors.relativeError(hooiTol.model().toDense(), x)).isLessThanOrEqualTo(byTol.relativeError() + 1e-15);
    }

    @Test void hooiReportsTheIterationCap() {
        Tensor x = Tensors.gaussian(4, 6, 6, 6);
        Fit<TuckerTensor> o = Tucker.hooi(x, new int[] {2, 2, 2}, 1, 0);
        assertThat(o.status()).isEqualTo(Status.MAX_ITERATIONS);
    }

    @Test void normAndInnerWithoutDensifying() {
        TuckerTensor a = TuckerTensor.random(5, new int[] {2, 3, 2}, 4, 5, 6), b = TuckerTensor.random(6, new int[] {3, 2, 2}, 4, 5, 6);
        FactoredTensorAssertions.agreesWithDense(a, b, a.inner(b));
    }

    @Test void badInput() {
        Tensor x = Tensors.gaussian(1, 3, 4, 5);
        assertThatThrownBy(() -> Tucker.hosvd(x, 4, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Tucker rank 4 of mode 0 out of range [1, 3]");
        assertThatThrownBy(() -> Tucker.hosvd(x, 2, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 ranks");
        double[] d = x.data().clone();
        d[7] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> Tucker.hooi(new Tensor(x.shape(), d), 2, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> new TuckerTensor(Tensors.gaussian(1, 2, 2), DenseMatrix.zeros(3, 2), DenseMatrix.zeros(3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor 1 has 3 columns");
    }
}
