package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Layer;

/** The weight tensor of a linear layer, and in-place scaling. */
final class Weights {
    private Weights() {}

    static Tensor of(Layer l) {
        if (l instanceof Dense d) return d.weight();
        if (l instanceof Conv2d c) return c.weight();
        throw new IllegalArgumentException("not a linear layer: " + l);
    }

    /** W ← s·W (bias untouched: it does not change the Lipschitz constant). */
    static void scaleInPlace(Layer l, double s) {
        double[] w = of(l).data();
        for (int i = 0; i < w.length; i++) w[i] *= s;
    }
}
