package io.lipschitz4j.nn;

import io.lipschitz4j.nn.data.Batch;
import io.lipschitz4j.nn.data.Batches;
import io.lipschitz4j.nn.data.FashionMnist;
import io.lipschitz4j.nn.loss.LossValue;
import io.lipschitz4j.nn.loss.SoftmaxCrossEntropy;
import io.lipschitz4j.nn.optim.Optimizer;
import io.lipschitz4j.nn.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Epoch timing, the same work as {@code ../shared/bench/peers.py fmnist --model mlp|cnn} (PyTorch
 * float32): one epoch of Fashion-MNIST, batch 128, zero grad + forward + softmax cross-entropy +
 * backward + SGD step (momentum 0.9, lr 0.05), with the batch read into the model as
 * {@link io.lipschitz4j.nn.train.Trainer} does ({@link Sequential#forward(Batch)}), for the MLP 784-256-256-10 and the CNN, in
 * float32 and float64 ({@link Precision}). The first epoch of each is a JIT warm-up; the second is the
 * figure (wall seconds, as peers.py reports; the thread's CPU seconds too, which a busy machine
 * disturbs less). Run with {@code OPENBLAS_NUM_THREADS=1 mvn -o -q -pl nn -am test -Dtest=EpochTiming
 * -Dnn.timing=true -Dsurefire.failIfNoSpecifiedTests=false} (optionally {@code -Dnn.timing.models=mlp}).
 */
@EnabledIfSystemProperty(named = "nn.timing", matches = "true")
class EpochTiming {

    static Sequential mlp(SplittableRandom r) {
        return Sequential.of(new Flatten(), new Dense(784, 256, true, r), new ReLU(), new Dense(256, 256, true, r), new ReLU(), new Dense(256, 10, true, r));
    }

    static Sequential cnn(SplittableRandom r) {
        return Sequential.of(new Conv2d(Conv2dSpec.of(1, 16, 3).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(16, 32, 3).withStride(2).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(32, 32, 3).withStride(2).withPadding(1), r), new ReLU(),
                new Flatten(), new Dense(1568, 10, true, r));
    }

    @Test
    void epochs() throws IOException {
        assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
        FashionMnist.Split data = FashionMnist.load(null);
        String models = System.getProperty("nn.timing.models", "mlp,cnn");
        String precisions = System.getProperty("nn.timing.precisions", "float32,float64");
        for (String m : models.split(",")) {
            for (String p : precisions.split(",")) {
                Precision old = Precision.set(Precision.byName(p));
                try {
                    Sequential net = m.equals("mlp") ? mlp(new SplittableRandom(0)) : cnn(new SplittableRandom(0));
                    Optimizer sgd = Sgd.momentum(0.9);
                    for (int epoch = 0; epoch < 2; epoch++) {
                        long t0 = System.nanoTime(), c0 = EpochProfile.cpu();
                        double last = 0;
                        for (Batch b : Batches.shuffled(data.train(), 128, 1, epoch, false)) {
                            net.zeroGradInPlace();
                            LossValue v = new SoftmaxCrossEntropy().evaluate(net.forward(b), b.labels());
                            net.backwardParameters(v.gradient());
                            sgd.stepInPlace(net.parameters(), 0.05);
                            last = v.value();
                        }
                        System.out.printf("EPOCH model=%s precision=%s epoch=%d seconds=%.3f thread-cpu-seconds=%.3f last-loss=%.4f OPENBLAS_NUM_THREADS=%s%n",
                                m, p, epoch, (System.nanoTime() - t0) / 1e9, (EpochProfile.cpu() - c0) / 1e9, last, System.getenv("OPENBLAS_NUM_THREADS"));
                    }
                } finally {
                    Precision.set(old);
                }
            }
        }
    }
}
