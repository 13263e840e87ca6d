package io.lipschitz4j.nn.optim;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.loss.Loss;
import io.lipschitz4j.nn.loss.LossValue;
import io.lipschitz4j.nn.loss.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A small MLP learns a seeded XOR problem (not linearly separable) with each optimizer. */
class FitTest {

    /** 256 points in [−1, 1]², at least 0.1 from both axes; class 1 where x₁·x₂ > 0. */
    static Tensor points(long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(labels.length, 2);
        for (int i = 0; i < labels.length; i++) {
            double a = (0.1 + 0.9 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
            double b = (0.1 + 0.9 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
            x.data()[2 * i] = a;
            x.data()[2 * i + 1] = b;
            labels[i] = a * b > 0 ? 1 : 0;
        }
        return x;
    }

    static double accuracy(Tensor logits, int[] y) {
        int ok = 0;
        for (int i = 0; i < y.length; i++) ok += (logits.get(i, 1) > logits.get(i, 0)) == (y[i] == 1) ? 1 : 0;
        return ok / (double) y.length;
    }

    /** Full-batch training; returns [first loss, last loss, training accuracy]. */
    static double[] train(Optimizer opt, LrSchedule lr, int steps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Layer net = Sequential.of(new Dense(2, 16, true, r), new ReLU(), new Dense(16, 16, true, r), new ReLU(), new Dense(16, 2, true, r));
        int[] y = new int[256];
        Tensor x = points(seed + 1, y);
        Loss loss = new SoftmaxCrossEntropy();
        double first = Double.NaN, last = Double.NaN;
        for (int t = 0; t < steps; t++) {
            net.zeroGradInPlace();
            LossValue v = loss.evaluate(net.forward(x), y);
            net.backward(v.gradient());
            opt.stepInPlace(net.parameters(), lr.at(t));
            if (t == 0) first = v.value();
            last = v.value();
        }
        return new double[] {first, last, accuracy(net.forward(x), y)};
    }

    @Test
    void adamFitsXor() {
        double[] r = train(new Adam(), LrSchedule.constant(0.02), 300, 5);
        assertThat(r[1]).isLessThan(r[0] / 5);
        assertThat(r[2]).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void sgdNesterovWithCosineFitsXor() {
        double[] r = train(Sgd.nesterov(0.9).withWeightDecay(1e-4), LrSchedule.cosine(0.1, 0.001, 400), 400, 6);
        assertThat(r[1]).isLessThan(r[0] / 5);
        assertThat(r[2]).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void sameSeedSameRun() {
        assertThat(train(new Adam(), LrSchedule.constant(0.02), 20, 9)).containsExactly(train(new Adam(), LrSchedule.constant(0.02), 20, 9));
    }
}
