package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Layer;

/** Test helpers: explicit matrices of (affine) networks from impulses, and their exact σ_max. */
final class TestNets {
    private TestNets() {}

    /** The matrix A [out, in] of an affine map f(x) = Ax + c, from f(eᵢ) − f(0) (exact for linear layers up to rounding). */
    static DenseMatrix matrixOf(Layer f, int... sampleShape) {
        int d = (int) Tensor.sizeOf(sampleShape);
        int[] batch = new int[sampleShape.length + 1];
        batch[0] = d + 1;
        System.arraycopy(sampleShape, 0, batch, 1, sampleShape.length);
        Tensor x = Tensor.zeros(batch);
        for (int i = 0; i < d; i++) x.data()[(i + 1) * d + i] = 1;
        Tensor y = f.forward(x);
        int m = y.size() / (d + 1);
        DenseMatrix a = DenseMatrix.zeros(m, d);
        for (int i = 0; i < d; i++) for (int r = 0; r < m; r++) a.set(r, i, y.data()[(i + 1) * m + r] - y.data()[r]);
        return a;
    }

    static double sigmaMax(DenseMatrix a) { return Lapack.singularValues(a)[0]; }
}
