package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Activation;
import io.lipschitz4j.nn.Clip;
import io.lipschitz4j.nn.HardSigmoid;
import io.lipschitz4j.nn.HardSwish;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.LeakyReLU;
import io.lipschitz4j.nn.PReLU;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.SiLU;
import io.lipschitz4j.nn.Sigmoid;
import io.lipschitz4j.nn.Softmax;
import io.lipschitz4j.nn.Tanh;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each constant against sup|f'| on a fine grid (f' from the layer's own backward) and at the analytic maximiser. */
class ActivationConstantsTest {
    /** Grid spacing 1e-4 on [−20, 20]: 400,001 points. */
    static final double STEP = 1e-4, RANGE = 20;

    /** max |f'(x)| over the grid, from backward with ∂L/∂y = 1. */
    static double gridSup(Layer f) {
        int n = (int) Math.round(2 * RANGE / STEP) + 1;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = -RANGE + i * STEP;
        Tensor in = new Tensor(new int[] {n, 1}, x);
        f.forward(in);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        double[] g = f.backward(new Tensor(new int[] {n, 1}, ones)).data();
        double m = 0;
        for (double v : g) m = Math.max(m, Math.abs(v));
        return m;
    }

    static void check(Activation f, double constant, double gridSlack) {
        double sup = gridSup(f);
        assertThat(constant).as("%s: constant >= grid sup", f).isGreaterThanOrEqualTo(sup);
        assertThat(sup).as("%s: grid sup close to the constant", f).isGreaterThanOrEqualTo(constant * (1 - gridSlack));
        assertThat(f.lipschitzConstant()).as("%s: layer's declared constant agrees", f).isCloseTo(constant, within(1e-12));
    }

    @Test
    void elementwiseConstantsMatchTheirDerivativesOnAFineGrid() {
        check(new ReLU(), ActivationConstants.relu(), 0);
        check(new Tanh(), ActivationConstants.tanh(), 1e-12);
        check(new Sigmoid(), ActivationConstants.sigmoid(), 1e-12);
        check(HardSigmoid.pytorch(), ActivationConstants.hardSigmoid(1.0 / 6), 1e-15);
        assertThat(ActivationConstants.hardSigmoid(1.0 / 6)).isEqualTo(1.0 / 6);
        check(new HardSwish(), ActivationConstants.hardSwish(), 1e-3); // sup approached at x → 3⁻
        check(new SiLU(), ActivationConstants.silu(), 1e-8);
        check(new LeakyReLU(0.01), ActivationConstants.leakyRelu(0.01), 0);
        check(new LeakyReLU(-2.5), ActivationConstants.leakyRelu(-2.5), 0);
        check(new Clip(-1, 2), ActivationConstants.clip(), 0);
        check(new PReLU(new Tensor(new int[] {1}, new double[] {-1.7})), ActivationConstants.prelu(new double[] {-1.7}), 0);
    }

    @Test
    void siluMaximiserIsTheRootOfTheSecondDerivative() {
        double x = ActivationConstants.siluArgmax();
        assertThat(x).isCloseTo(2.399357280, within(1e-8));
        double s = ActivationConstants.sigmoidValue(x);
        assertThat(2 + x * (1 - 2 * s)).isCloseTo(0, within(1e-14));
        assertThat(ActivationConstants.silu()).isCloseTo(1.0998393, within(1e-7));
        // f'(−x*) = 1 − f'(x*): the negative extreme is smaller in magnitude
        assertThat(ActivationConstants.siluDerivative(-x)).isCloseTo(1 - ActivationConstants.siluDerivative(x), within(1e-15));
        assertThat(IntervalPropagation.SILU_ARGMIN).isCloseTo(-1.2784645, within(1e-6));
    }

    @Test
    void softmaxJacobianNormIsAtMostOneHalfAndApproachesIt() {
        SplittableRandom r = new SplittableRandom(7);
        double worst = 0;
        for (int trial = 0; trial < 300; trial++) {
            int k = 2 + r.nextInt(9);
            double[] z = new double[k];
            double scale = Math.pow(10, r.nextDouble(-2, 2));
            for (int i = 0; i < k; i++) z[i] = scale * (r.nextDouble() * 2 - 1);
            worst = Math.max(worst, softmaxJacobianNorm(z));
        }
        assertThat(worst).isLessThanOrEqualTo(0.5 + 1e-15);
        // two equal dominant logits: p → (½, ½, 0, …), ‖J‖ → ½
        double peak = softmaxJacobianNorm(new double[] {0, 0, -40, -40, -40});
        assertThat(peak).isCloseTo(0.5, within(1e-12));
        assertThat(ActivationConstants.softmax()).isEqualTo(0.5);
    }

    /** σ_max of the softmax Jacobian, built column by column from the layer's backward (J is symmetric). */
    static double softmaxJacobianNorm(double[] z) {
        int k = z.length;
        Softmax s = new Softmax();
        double[] batch = new double[k * k];
        for (int i = 0; i < k; i++) System.arraycopy(z, 0, batch, i * k, k);
        s.forward(new Tensor(new int[] {k, k}, batch));
        double[] eye = new double[k * k];
        for (int i = 0; i < k; i++) eye[i * k + i] = 1;
        double[] j = s.backward(new Tensor(new int[] {k, k}, eye)).data();
        return Lapack.singularValues(new DenseMatrix(k, k, j))[0];
    }
}
