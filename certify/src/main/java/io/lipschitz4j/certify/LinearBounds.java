package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.lipschitz.LayerNorms;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.dense.GramIteration;

/**
 * Certified operator norms of the linear nodes: dense maps by the Gram iteration (Delattre et al.
 * 2023), convolutions by the per-frequency Cholesky certificate on the layer's real geometry
 * ({@link LayerNorms#upper(Conv2d, int, int)}: input size, zero padding through its circular
 * embedding, stride, dilation, groups).
 */
final class LinearBounds {
    private LinearBounds() {}

    static Bound dense(Tensor weight, int out, int in) {
        return new GramIteration().norm(new DenseMatrix(out, in, weight.data()));
    }

    static Bound conv(Conv2d c, int h, int w, double tol) {
        return LayerNorms.upper(c, h, w);
    }
}
