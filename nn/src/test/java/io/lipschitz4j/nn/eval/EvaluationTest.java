package io.lipschitz4j.nn.eval;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.AvgPool2d;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.MaxMin;
import io.lipschitz4j.nn.PaddingMode;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.lipschitz.Controls;
import io.lipschitz4j.nn.loss.LossValue;
import io.lipschitz4j.nn.loss.SoftmaxCrossEntropy;
import io.lipschitz4j.nn.optim.Sgd;
import io.lipschitz4j.nn.train.StepHook;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationTest {

    /** 3 classes in [0,1]^8: centers 0.2 + 0.6·e_k on the first three axes, 0.5 elsewhere, Gaussian noise σ = 0.1, clipped. */
    static Tensor data(int n, long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(n, 8);
        for (int s = 0; s < n; s++) {
            int y = s % 3;
            labels[s] = y;
            for (int i = 0; i < 8; i++) {
                double c = i < 3 ? (i == y ? 0.8 : 0.2) : 0.5;
                x.data()[s * 8 + i] = Math.min(1, Math.max(0, c + 0.1 * Gaussian.next(r)));
            }
        }
        return x;
    }

    @Test
    void attackNeverBreaksACertifiedInputAndDoesBreakUncertifiedOnes() {
        int[] labels = new int[600];
        Tensor x = data(600, 1, labels);
        SplittableRandom r = new SplittableRandom(2);
        Layer model = Sequential.of(new Dense(8, 32, true, r), new ReLU(), new Dense(32, 32, true, r), new MaxMin(), new Dense(32, 3, true, r));
        StepHook hook = Controls.byName("projection:1.5:certified").hook().orElseThrow();
        Sgd sgd = Sgd.momentum(0.9);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        for (int step = 0; step < 300; step++) {
            int from = (step * 30) % 600;
            Tensor xb = new Tensor(new int[] {30, 8}, Arrays.copyOfRange(x.data(), from * 8, (from + 30) * 8));
            model.zeroGradInPlace();
            LossValue v = ce.evaluate(model.forward(xb), Arrays.copyOfRange(labels, from, from + 30));
            model.backward(v.gradient());
            sgd.stepInPlace(model.parameters(), 0.05);
            hook.afterStep(model, step);
        }
        int[] testLabels = new int[300];
        Tensor test = data(300, 3, testLabels);
        Evaluation.Result res = Evaluation.run(model, test, testLabels, Evaluation.DEFAULT_RADII, new Pgd(40, 0.1, 5), 100);
        System.out.printf("synthetic: accuracy %.3f, L = %.4f, %s%n", res.accuracy(), res.lipschitz(), res.atRadius());
        assertThat(res.accuracy()).isGreaterThan(0.9);
        assertThat(res.lipschitz()).isLessThanOrEqualTo(1.5 * 1.5 * 1.5 * (1 + 1e-6));
        assertThat(res.atRadius().get(0).certified()).as("some inputs certified at 0.1").isGreaterThan(0);
        assertThat(res.violations()).as("certified inputs broken by PGD").isZero();
        assertThat(res.atRadius().stream().mapToInt(Evaluation.Radius::flipped).sum()).as("the attack flips uncertified inputs").isGreaterThan(0);
        for (Evaluation.Radius rad : res.atRadius()) {
            assertThat(rad.certified() + rad.flipped()).isLessThanOrEqualTo(rad.attacked());
        }
    }

    @Test
    void productBoundDominatesEmpiricalRatiosOfAConvNet() {
        SplittableRandom r = new SplittableRandom(4);
        Sequential m = Sequential.of(new Conv2d(Conv2dSpec.of(2, 4, 3).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(4, 4, 3).withPadding(1).withStride(2).withMode(PaddingMode.CIRCULAR), r), new ReLU(),
                new AvgPool2d(2), new Flatten(), new Dense(16, 3, true, r));
        LipschitzBounds.Report rep = LipschitzBounds.of(m, 2, 8, 8);
        assertThat(rep.layers()).hasSize(7);
        assertThat(rep.layers().get(4).value()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-15)); // 1/√(2·2)
        double worst = 0;
        for (int t = 0; t < 20; t++) {
            Tensor a = gaussian(10 + t), b = gaussian(100 + t);
            double num = dist(m.forward(a).data(), m.forward(b).data()), den = dist(a.data(), b.data());
            worst = Math.max(worst, num / den);
        }
        assertThat(rep.product()).isGreaterThanOrEqualTo(worst);
        double prod = 1;
        for (LipschitzBounds.LayerBound lb : rep.layers()) prod *= lb.value();
        assertThat(rep.product()).isCloseTo(prod, org.assertj.core.api.Assertions.within(1e-12 * prod));
    }

    static Tensor gaussian(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(1, 2, 8, 8);
        for (int i = 0; i < t.size(); i++) t.data()[i] = Gaussian.next(r);
        return t;
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    @Test
    void pgdStaysInTheBallAndTheBox() {
        double[] x0 = {0.0, 1.0, 0.5, 0.2};
        double[] x = {-3, 4, 0.5, 0.9};
        Pgd.project(x, x0, 1, 4, 0.5);
        assertThat(dist(x, x0)).isLessThanOrEqualTo(0.5);
        for (double v : x) assertThat(v).isBetween(0.0, 1.0);
    }
}
