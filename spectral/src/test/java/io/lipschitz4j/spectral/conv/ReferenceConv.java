package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import java.util.SplittableRandom;

/** Test-only direct-loop implementation of the {@link Convolution} semantics, and its explicit matrix. */
final class ReferenceConv {
    private ReferenceConv() {}

    /** y = conv(x) with the index formulas of the Convolution javadoc (1-D as 2-D with a unit first axis). */
    static double[] apply(Convolution c, double[] x) {
        int sd = c.spatialDims();
        int n1 = sd == 2 ? c.inputSize()[0] : 1, n2 = c.inputSize()[sd - 1];
        int o1 = sd == 2 ? c.outputSize(0) : 1, o2 = c.outputSize(sd - 1);
        int k1 = sd == 2 ? c.kernelSize(0) : 1, k2 = c.kernelSize(sd - 1);
        int s1 = sd == 2 ? c.stride()[0] : 1, s2 = c.stride()[sd - 1];
        int d1 = sd == 2 ? c.dilation()[0] : 1, d2 = c.dilation()[sd - 1];
        int p1 = sd == 2 ? c.offset(0) : 0, p2 = c.offset(sd - 1);
        int out = c.outChannels(), ig = c.kernel().dim(1), og = out / c.groups();
        double[] k = c.kernel().data();
        double[] y = new double[out * o1 * o2];
        boolean circ = c.padding() == Padding.CIRCULAR;
        for (int o = 0; o < out; o++) {
            int grp = o / og;
            for (int i1 = 0; i1 < o1; i1++) {
                for (int i2 = 0; i2 < o2; i2++) {
                    double s = 0;
                    for (int ch = 0; ch < ig; ch++) {
                        int inCh = grp * ig + ch;
                        for (int a = 0; a < k1; a++) {
                            for (int b = 0; b < k2; b++) {
                                int j1 = i1 * s1 + a * d1 - p1, j2 = i2 * s2 + b * d2 - p2;
                                if (circ) { j1 = Math.floorMod(j1, n1); j2 = Math.floorMod(j2, n2); }
                                else if (j1 < 0 || j1 >= n1 || j2 < 0 || j2 >= n2) continue;
                                s += k[((o * ig + ch) * k1 + a) * k2 + b] * x[(inCh * n1 + j1) * n2 + j2];
                            }
                        }
                    }
                    y[(o * o1 + i1) * o2 + i2] = s;
                }
            }
        }
        return y;
    }

    /** The explicit operator matrix (outputDim × inputDim), column j = conv(e_j). */
    static DenseMatrix matrix(Convolution c) {
        int m = c.outputDim(), n = c.inputDim();
        DenseMatrix a = DenseMatrix.zeros(m, n);
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = 1;
            double[] y = apply(c, x);
            x[j] = 0;
            for (int i = 0; i < m; i++) a.set(i, j, y[i]);
        }
        return a;
    }

    static Tensor randomKernel(long seed, double scale, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = scale * Gaussian.next(r);
        return t;
    }

    static Convolution conv2d(Tensor k, int n1, int n2, Padding pad, int p, int s1, int s2, int d1, int d2, int groups) {
        return new Convolution(k, new int[] {n1, n2}, pad, new int[] {p, p}, new int[] {s1, s2}, new int[] {d1, d2}, groups);
    }

    static Convolution conv1d(Tensor k, int n, Padding pad, int p, int s, int d, int groups) {
        return new Convolution(k, new int[] {n}, pad, new int[] {p}, new int[] {s}, new int[] {d}, groups);
    }
}
