package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.SplittableRandom;

/** Seeded parameter initializers. */
public final class Init {
    private Init() {}

    /**
     * Fills {@code t} with i.i.d. U(−b, b), b = 1/√fanIn: PyTorch's default for {@code nn.Linear} and
     * {@code nn.Conv2d} weights (kaiming_uniform with a = √5 gives b = √(6/((1+a²)·fanIn)) = 1/√fanIn)
     * and biases.
     */
    public static Tensor uniformFanIn(Tensor t, int fanIn, SplittableRandom rng) {
        double b = 1.0 / Math.sqrt(Math.max(1, fanIn));
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = b * (2 * rng.nextDouble() - 1);
        return t;
    }
}
