package io.lipschitz4j.nn.loss;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Loss values from hand computation and gradients against central finite differences (relative error < 1e-6). */
class LossTest {
    static final double H = 1e-6;

    static Tensor logits(long seed, int n, int k, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(n, k);
        for (int i = 0; i < t.size(); i++) t.data()[i] = scale * Gaussian.next(r);
        return t;
    }

    static int[] labels(long seed, int n, int k) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = r.nextInt(k);
        return y;
    }

    static void assertGradient(Loss loss, Tensor z, int[] y) {
        LossValue v = loss.evaluate(z, y);
        double[] d = z.data(), num = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            double s = d[i];
            d[i] = s + H;
            double fp = loss.evaluate(z, y).value();
            d[i] = s - H;
            double fm = loss.evaluate(z, y).value();
            d[i] = s;
            num[i] = (fp - fm) / (2 * H);
        }
        double scale = 1e-8, err = 0;
        for (int i = 0; i < d.length; i++) {
            scale = Math.max(scale, Math.abs(num[i]));
            err = Math.max(err, Math.abs(num[i] - v.gradient().data()[i]));
        }
        assertThat(err / scale).as("%s gradient", loss).isLessThan(1e-6);
    }

    @Test
    void crossEntropyValues() {
        Loss ce = new SoftmaxCrossEntropy();
        assertThat(ce.evaluate(Tensor.zeros(3, 10), new int[] {0, 4, 9}).value()).isCloseTo(Math.log(10), within(1e-15));
        // z = (1, 2, 3), y = 2: log(e + e² + e³) − 3
        Tensor z = new Tensor(new int[] {1, 3}, new double[] {1, 2, 3});
        double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        LossValue v = ce.evaluate(z, new int[] {2});
        assertThat(v.value()).isCloseTo(expected, within(1e-15));
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(v.gradient().data()).containsExactly(new double[] {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(3) / sum - 1}, within(1e-15));
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        Tensor z = new Tensor(new int[] {2, 3}, new double[] {1000, 0, -1000, -800, -1000, -799});
        LossValue v = new SoftmaxCrossEntropy().evaluate(z, new int[] {1, 2});
        // row 0: 1000 − 0 = 1000 (+ e^{-1000} terms); row 1: log(e^{-1} + e^{-201} + 1) ≈ log(1 + e^{-1})
        assertThat(v.value()).isCloseTo((1000 + Math.log1p(Math.exp(-1))) / 2, within(1e-12));
        assertThat(v.gradient().allFinite()).isTrue();
    }

    @Test
    void crossEntropyGradient() {
        assertGradient(new SoftmaxCrossEntropy(), logits(1, 6, 5, 2), labels(2, 6, 5));
        assertGradient(new SoftmaxCrossEntropy(), logits(3, 4, 10, 10), labels(4, 4, 10));
    }

    @Test
    void marginHingeValues() {
        // row 0: y = 0, μ = 3 − 2 = 1, m = 1.5 → 0.5 ; row 1: y = 2, μ = 4 − 0 = 4 → 0
        Tensor z = new Tensor(new int[] {2, 3}, new double[] {3, 2, 1, -1, 0, 4});
        LossValue v = new MarginHinge(1.5).evaluate(z, new int[] {0, 2});
        assertThat(v.value()).isCloseTo(0.25, within(1e-15));
        assertThat(v.gradient().data()).containsExactly(-0.5, 0.5, 0, 0, 0, 0);
        assertThat(new MarginHinge(0).evaluate(z, new int[] {0, 2}).value()).isZero();
    }

    @Test
    void multiMarginValuesLikePyTorch() {
        // PyTorch docs example: x = [0.1, 0.2, 0.4, 0.8], y = 3, margin 1 →
        // (1/4)·[(1 − 0.8 + 0.1) + (1 − 0.8 + 0.2) + (1 − 0.8 + 0.4)] = 0.325
        Tensor z = new Tensor(new int[] {1, 4}, new double[] {0.1, 0.2, 0.4, 0.8});
        LossValue v = new MultiMargin(1).evaluate(z, new int[] {3});
        assertThat(v.value()).isCloseTo(0.325, within(1e-15));
        assertThat(v.gradient().data()).containsExactly(new double[] {0.25, 0.25, 0.25, -0.75}, within(1e-15));
    }

    @Test
    void hingeGradients() {
        // scale 3 keeps every hinge and every competitor comparison far from its kink for these seeds
        for (double m : new double[] {0.5, 2.0}) {
            assertGradient(new MarginHinge(m), logits(5, 8, 6, 3), labels(6, 8, 6));
            assertGradient(new MultiMargin(m), logits(7, 8, 6, 3), labels(8, 8, 6));
        }
    }

    @Test
    void badInputs() {
        Loss ce = new SoftmaxCrossEntropy();
        assertThatThrownBy(() -> ce.evaluate(Tensor.zeros(2, 3), new int[] {0})).hasMessageContaining("1 labels for 2 rows");
        assertThatThrownBy(() -> ce.evaluate(Tensor.zeros(2, 3), new int[] {0, 3})).hasMessageContaining("label 3 at row 1 outside [0, 3)");
        assertThatThrownBy(() -> new MarginHinge(-1)).hasMessageContaining("margin");
        assertThatThrownBy(() -> new MarginHinge(Double.NaN)).hasMessageContaining("margin");
    }
}
