package io.lipschitz4j.nn;

import io.lipschitz4j.nn.data.Batch;
import io.lipschitz4j.nn.data.Batches;
import io.lipschitz4j.nn.data.FashionMnist;
import io.lipschitz4j.nn.loss.LossValue;
import io.lipschitz4j.nn.loss.SoftmaxCrossEntropy;
import io.lipschitz4j.nn.optim.Adam;
import io.lipschitz4j.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * First timing, not a benchmark (JMH comes later): one epoch of the MLP 784-256-256-10 (ReLU) on
 * Fashion-MNIST, batch 128, float64, forward + backward (+ Adam step in a second pass). Run with
 * {@code OPENBLAS_NUM_THREADS=1 mvn -o -q -pl nn -am test -Dtest=EpochTiming -Dnn.timing=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "nn.timing", matches = "true")
class EpochTiming {

    @Test
    void oneEpoch() throws IOException {
        assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
        FashionMnist.Split data = FashionMnist.load(null);
        SplittableRandom r = new SplittableRandom(0);
        Layer mlp = Sequential.of(new Flatten(), new Dense(784, 256, true, r), new ReLU(), new Dense(256, 256, true, r), new ReLU(), new Dense(256, 10, true, r));
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Optimizer adam = new Adam();
        for (int pass = 0; pass < 4; pass++) {
            boolean step = pass >= 2;
            long t0 = System.nanoTime(), batchNs = 0;
            double sum = 0;
            int correct = 0;
            for (Batch b : Batches.shuffled(data.train(), 128, 1, pass, false)) {
                long tb = System.nanoTime();
                mlp.zeroGradInPlace();
                var z = mlp.forward(b.x());
                LossValue v = loss.evaluate(z, b.labels());
                mlp.backward(v.gradient());
                if (step) adam.stepInPlace(mlp.parameters(), 1e-3);
                batchNs += System.nanoTime() - tb;
                sum += v.value() * b.size();
                for (int i = 0; i < b.size(); i++) {
                    int best = 0;
                    for (int k = 1; k < 10; k++) if (z.get(i, k) > z.get(i, best)) best = k;
                    if (best == b.labels()[i]) correct++;
                }
            }
            double total = (System.nanoTime() - t0) / 1e9;
            System.out.printf("MLP epoch %d (%s): %.2f s total, %.2f s in forward+backward%s, loss %.4f, train acc %.4f, OPENBLAS_NUM_THREADS=%s%n",
                    pass, step ? "with Adam" : "no step", total, batchNs / 1e9, step ? "+step" : "", sum / 60000, correct / 60000.0,
                    System.getenv("OPENBLAS_NUM_THREADS"));
        }
    }

    /** The CNN (conv 1→16 k3 p1, ReLU, 16→32 k3 s2 p1, ReLU, 32→32 k3 s2 p1, ReLU, flatten, dense 1568→10): 60 batches, extrapolated. */
    @Test
    void cnnEpochEstimate() throws IOException {
        assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
        FashionMnist.Split data = FashionMnist.load(null);
        SplittableRandom r = new SplittableRandom(0);
        Layer cnn = Sequential.of(new Conv2d(Conv2dSpec.of(1, 16, 3).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(16, 32, 3).withStride(2).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(32, 32, 3).withStride(2).withPadding(1), r), new ReLU(),
                new Flatten(), new Dense(1568, 10, true, r));
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Batches epoch = Batches.shuffled(data.train(), 128, 1, 0, false);
        for (int pass = 0; pass < 2; pass++) {
            long t0 = System.nanoTime();
            int n = 60;
            for (int i = 0; i < n; i++) {
                Batch b = epoch.get(i);
                cnn.zeroGradInPlace();
                cnn.backward(loss.evaluate(cnn.forward(b.x()), b.labels()).gradient());
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("CNN pass %d: %d batches forward+backward in %.2f s, %.1f ms/batch, epoch (%d batches) about %.1f s%n",
                    pass, n, s, 1000 * s / n, epoch.count(), s / n * epoch.count());
        }
    }
}
