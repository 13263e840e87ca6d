package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

class TensorTrainTest {
    @Test void exactAtFullRanks() {
        Tensor x = Tensors.gaussian(1, 3, 4, 2, 5, 3);
        Fit<TTTensor> f = TensorTrain.decompose(x, Integer.MAX_VALUE);
        assertThat(f.model().ranks()).containsExactly(1, 3, 12, 15, 3, 1);
        assertThat(Tensors.relativeError(f.model().toDense(), x)).isLessThan(1e-13);
    }

    @Test void recoversPlantedTtRanks() {
        Tensor x = TTTensor.random(2, new int[] {2, 3, 2}, 5, 6, 5, 4).toDense();
        Fit<TTTensor> f = TensorTrain.decompose(x, 1e-12);
        assertThat(f.model().ranks()).containsExactly(1, 2, 3, 2, 1);
        assertThat(f.relativeError()).isLessThan(1e-8);
        Fit<TTTensor> byRanks = TensorTrain.decompose(x, new int[] {2, 3, 2});
        assertThat(byRanks.relativeError()).isLessThan(1e-8);
    }

    @Test void toleranceGuaranteeAndNoiseLevel() {
        Tensor clean = TTTensor.random(3, new int[] {3, 3, 3}, 6, 6, 6, 6).toDense();
        double level = 1e-3;
        Tensor x = CpAlsTest.addNoise(clean, level, 5);
        Fit<TTTensor> f = TensorTrain.decompose(x, new int[] {3, 3, 3});
        assertThat(f.relativeError()).isLessThan(level);
        for (double eps : new double[] {0.3, 0.1, 0.01}) {
            Fit<TTTensor> g = TensorTrain.decompose(x, eps);
            assertThat(Tensors.relativeError(g.model().toDense(), x)).isLessThanOrEqualTo(eps);
        }
        Fit<TTTensor> capped = TensorTrain.decompose(x, 1e-14, 2);
        for (int r : capped.model().ranks()) assertThat(r).isLessThanOrEqualTo(2);
    }

    @Test void normAndInnerWithoutDensifying() {
        TTTensor a = TTTensor.random(4, new int[] {2, 3}, 4, 5, 3), b = TTTensor.random(5, new int[] {3, 2}, 4, 5, 3);
        FactoredTensorAssertions.agreesWithDense(a, b, a.inner(b));
    }

    @Test void badInput() {
        Tensor x = Tensors.gaussian(1, 2, 3, 4);
        assertThatThrownBy(() -> TensorTrain.decompose(x, new int[] {3, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TT rank r_1 = 3 out of range [1, 2]");
        assertThatThrownBy(() -> TensorTrain.decompose(x, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TTTensor(Tensors.gaussian(1, 1, 2, 2), Tensors.gaussian(1, 3, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not chain");
        double[] d = x.data().clone();
        d[0] = Double.NaN;
        assertThatThrownBy(() -> TensorTrain.decompose(new Tensor(x.shape(), d), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 0, 0]");
    }
}
