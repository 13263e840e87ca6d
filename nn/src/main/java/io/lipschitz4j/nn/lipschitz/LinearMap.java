package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Precision;

/**
 * The linear part of a layer as a matrix-free map (for power iterations), always in float64:
 * a dense weight, a conv kernel reshaped [out, in/groups·kH·kW] (Miyato's form), or the true conv
 * operator at an input size (the layer's own forward/backward without bias, so every geometry is exact).
 */
interface LinearMap {
    int rows();
    int cols();
    /** y = A·x. */
    void apply(double[] x, double[] y);
    /** x = Aᵀ·y. */
    void applyTranspose(double[] y, double[] x);

    /** A dense row-major matrix over live data (re-read on every call). */
    static LinearMap matrix(int rows, int cols, double[] data) {
        DenseMatrix m = new DenseMatrix(rows, cols, data);
        return new LinearMap() {
            public int rows() { return rows; }
            public int cols() { return cols; }
            public void apply(double[] x, double[] y) { Blas.gemv(false, m, x, y); }
            public void applyTranspose(double[] y, double[] x) { Blas.gemv(true, m, y, x); }
        };
    }

    static LinearMap of(Dense d) { return matrix(d.outFeatures(), d.inFeatures(), d.weight().data()); }

    /** Kernel [O, C/g, kH, kW] as the matrix [O, C/g·kH·kW] (Miyato et al. 2018, §2.1). */
    static LinearMap reshape(Conv2d c) {
        Tensor k = c.weight();
        return matrix(k.dim(0), k.size() / k.dim(0), k.data());
    }

    /** The convolution operator of the layer at input size h×w (shares the kernel tensor). */
    static LinearMap operator(Conv2d c, int h, int w) {
        Conv2d lin = new Conv2d(c.spec().withBias(false), c.weight(), null);
        int[] outShape = lin.outputShape(c.spec().inChannels(), h, w);
        int cols = c.spec().inChannels() * h * w, rows = outShape[0] * outShape[1] * outShape[2];
        return new LinearMap() {
            public int rows() { return rows; }
            public int cols() { return cols; }
            public void apply(double[] x, double[] y) {
                Precision old = Precision.set(Precision.FLOAT64);
                try {
                    double[] r = lin.forward(new Tensor(new int[] {1, c.spec().inChannels(), h, w}, x)).data();
                    System.arraycopy(r, 0, y, 0, rows);
                } finally {
                    Precision.set(old);
                }
            }
            public void applyTranspose(double[] y, double[] x) {
                Precision old = Precision.set(Precision.FLOAT64);
                try {
                    apply(x, new double[rows]); // the layer's backward needs a matching forward
                    lin.zeroGradInPlace();
                    double[] r = lin.backward(new Tensor(new int[] {1, outShape[0], outShape[1], outShape[2]}, y)).data();
                    System.arraycopy(r, 0, x, 0, cols);
                } finally {
                    Precision.set(old);
                }
            }
        };
    }
}
