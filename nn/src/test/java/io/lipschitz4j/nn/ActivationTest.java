package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import static io.lipschitz4j.nn.GradCheck.awayFromZero;
import static io.lipschitz4j.nn.GradCheck.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Elementwise and sorting activations, pooling and flattening: values and finite-difference gradients. */
class ActivationTest {

    @Test
    void reluAndLeakyReluValuesAndGradients() {
        Tensor x = new Tensor(new int[] {1, 4}, new double[] {-2, -0.5, 0.5, 3});
        assertThat(new ReLU().forward(x).data()).containsExactly(0, 0, 0.5, 3);
        assertThat(new LeakyReLU(0.1).forward(x).data()).containsExactly(-0.2, -0.05, 0.5, 3);
        GradCheck.assertGradients(new ReLU(), awayFromZero(gaussian(1, 3, 5, 2), 1e-3), 2);
        GradCheck.assertGradients(new LeakyReLU(0.2), awayFromZero(gaussian(3, 4, 6), 1e-3), 4);
        GradCheck.assertGradients(new LeakyReLU(-0.5), awayFromZero(gaussian(5, 4, 6), 1e-3), 6);
    }

    @Test
    void reluPassesNaNThroughSoDivergenceIsNotHidden() {
        Tensor x = new Tensor(new int[] {1, 3}, new double[] {Double.NaN, -1, 2});
        double[] y = new ReLU().forward(x).data();
        assertThat(y[0]).isNaN();
        assertThat(y[1]).isZero();
        assertThat(y[2]).isEqualTo(2.0);
    }

    @Test
    void tanhGradient() {
        Tensor x = gaussian(7, 3, 4, 2, 2);
        assertThat(new Tanh().forward(x).data()[5]).isEqualTo(Math.tanh(x.data()[5]));
        GradCheck.assertGradients(new Tanh(), x, 8);
    }

    @Test
    void maxMinSortsPairsOfHalves() {
        Tensor x = new Tensor(new int[] {1, 4}, new double[] {1, 5, 3, 2}); // a = (1,5), b = (3,2)
        assertThat(new MaxMin().forward(x).data()).containsExactly(3, 5, 1, 2);
        Tensor img = new Tensor(new int[] {1, 2, 1, 2}, new double[] {1, 4, 2, 3}); // per position: (1,2), (4,3)
        assertThat(new MaxMin().forward(img).data()).containsExactly(2, 4, 1, 3);
        assertThatThrownBy(() -> new MaxMin().forward(Tensor.zeros(2, 3))).hasMessageContaining("even");
    }

    @Test
    void maxMinGradientsAndNormPreservation() {
        GradCheck.assertGradients(new MaxMin(), gaussian(9, 3, 8), 10);
        GradCheck.assertGradients(new MaxMin(), gaussian(11, 2, 4, 3, 2), 12);
        assertNormPreserving(new MaxMin(), gaussian(13, 5, 6, 2, 2));
    }

    @Test
    void groupSortSortsEachGroupAscending() {
        Tensor x = new Tensor(new int[] {1, 6}, new double[] {3, 1, 2, 0, -1, 5});
        assertThat(new GroupSort(3).forward(x).data()).containsExactly(1, 2, 3, -1, 0, 5);
        assertThat(new GroupSort(2).forward(x).data()).containsExactly(1, 3, 0, 2, -1, 5);
        assertThat(new GroupSort(6).forward(x).data()).containsExactly(-1, 0, 1, 2, 3, 5);
        // spatial: sorted across channels at every position
        Tensor img = new Tensor(new int[] {1, 2, 1, 2}, new double[] {5, 0, 1, 7});
        assertThat(new GroupSort(2).forward(img).data()).containsExactly(1, 0, 5, 7);
        assertThatThrownBy(() -> new GroupSort(4).forward(Tensor.zeros(1, 6))).hasMessageContaining("divisible by 4");
    }

    @Test
    void groupSortGradientsAndNormPreservation() {
        for (int k : new int[] {1, 2, 3, 6}) {
            GradCheck.assertGradients(new GroupSort(k), gaussian(20 + k, 3, 6), 30 + k);
            GradCheck.assertGradients(new GroupSort(k), gaussian(40 + k, 2, 6, 2, 3), 50 + k);
            assertNormPreserving(new GroupSort(k), gaussian(60 + k, 4, 6, 3, 1));
        }
    }

    /** ‖f(x)‖ = ‖x‖ and ‖backward(g)‖ = ‖g‖ for a permutation activation. */
    private static void assertNormPreserving(Layer f, Tensor x) {
        Tensor y = f.forward(x);
        assertThat(GradCheck.dot(y, y)).isCloseTo(GradCheck.dot(x, x), within(1e-10));
        Tensor g = gaussian(99, y.shape());
        Tensor dx = f.backward(g);
        assertThat(GradCheck.dot(dx, dx)).isCloseTo(GradCheck.dot(g, g), within(1e-10));
    }

    @Test
    void flattenReshapesAndBack() {
        Tensor x = gaussian(70, 2, 3, 2, 2);
        Flatten f = new Flatten();
        assertThat(f.forward(x).shape()).containsExactly(2, 12);
        assertThat(f.outputShape(3, 2, 2)).containsExactly(12);
        GradCheck.assertGradients(f, x, 71);
    }

    @Test
    void avgPoolValuesAndGradients() {
        Tensor x = new Tensor(new int[] {1, 1, 2, 4}, new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(new AvgPool2d(2).forward(x).data()).containsExactly(3.5, 5.5);
        assertThat(new AvgPool2d(2, 2, 1, 1).forward(x).data()).containsExactly(3.5, 4.5, 5.5);
        GradCheck.assertGradients(new AvgPool2d(2), gaussian(72, 2, 3, 4, 5), 73);
        GradCheck.assertGradients(new AvgPool2d(3, 2, 1, 2), gaussian(74, 2, 2, 5, 6), 75);
        assertThat(new AvgPool2d(2).outputShape(3, 5, 4)).containsExactly(3, 2, 2);
    }
}
