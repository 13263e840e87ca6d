package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * The float64 arithmetic of the layers, on raw C-order arrays: matrix products through BLAS, bias
 * broadcasts and reductions, im2col/col2im. Layers keep the index logic and call these, so a float32
 * path needs only the same methods on {@code float[]} (see {@link Layer}).
 */
final class Ops {
    private Ops() {}

    /** C(m×n) = A(m×k)·B(n×k)ᵀ (row-major), overwriting C. Cost 2mnk flops. */
    static void matmulNT(int m, int n, int k, double[] a, double[] b, double[] c) {
        Blas.gemm(false, true, m, n, k, 1.0, a, k, b, k, 0.0, c, n);
    }

    /** C(m×n) += A(k×m)ᵀ·B(k×n). */
    static void addMatmulTN(int m, int n, int k, double[] a, double[] b, double[] c) {
        Blas.gemm(true, false, m, n, k, 1.0, a, m, b, n, 1.0, c, n);
    }

    /** C(m×n) = A(m×k)·B(k×n), overwriting C. */
    static void matmulNN(int m, int n, int k, double[] a, double[] b, double[] c) {
        Blas.gemm(false, false, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
    }

    /** y[r·n + j] += v[j] for each of the m rows of an m×n array. */
    static void addRowVector(double[] y, int m, int n, double[] v) {
        for (int r = 0; r < m; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) y[o + j] += v[j];
        }
    }

    /** s[j] += Σ_r y[r·n + j] (column sums of an m×n array). */
    static void addColumnSums(double[] y, int m, int n, double[] s) {
        for (int r = 0; r < m; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) s[j] += y[o + j];
        }
    }

    /** Requires a batch tensor of the given rank with the given sample dims (-1 = any). */
    static void requireShape(String layer, Tensor x, int... sampleDims) {
        boolean ok = x.rank() == sampleDims.length + 1;
        for (int i = 0; ok && i < sampleDims.length; i++) ok = sampleDims[i] < 0 || x.dim(i + 1) == sampleDims[i];
        if (!ok) {
            StringBuilder want = new StringBuilder("[N");
            for (int d : sampleDims) want.append(", ").append(d < 0 ? "*" : String.valueOf(d));
            throw new IllegalArgumentException(layer + ": input shape " + Arrays.toString(x.shape()) + ", expected " + want + "]");
        }
    }

    static void requireSameShape(String layer, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(layer + ": gradient shape " + Arrays.toString(b.shape())
                    + " differs from output shape " + Arrays.toString(a.shape()));
        }
    }

    /** Index into [0, n) for circular padding: i mod n, non-negative. */
    static int wrap(int i, int n) {
        int r = i % n;
        return r < 0 ? r + n : r;
    }

    /**
     * im2col for one group of one sample: {@code cols[(c·kH + a)·kW + b][oh·OW + ow] =
     * x[c0 + c][oh·sH + a·dH − pH][ow·sW + b·dW − pW]} (0 outside for zero padding, index mod H, W for
     * circular). x is one sample [C, H, W] at {@code xOff}.
     */
    static void im2col(double[] x, int xOff, int c0, ConvGeometry g, double[] cols) {
        int h = g.inH(), w = g.inW(), oh = g.outH(), ow = g.outW();
        int ohw = oh * ow;
        boolean circ = g.circular();
        int row = 0;
        for (int c = 0; c < g.inPerGroup(); c++) {
            int plane = xOff + (c0 + c) * h * w;
            for (int a = 0; a < g.kH(); a++) {
                for (int b = 0; b < g.kW(); b++, row++) {
                    int dst = row * ohw;
                    for (int i = 0; i < oh; i++) {
                        int ih = i * g.sH() + a * g.dH() - g.pH();
                        if (circ) ih = wrap(ih, h);
                        else if (ih < 0 || ih >= h) {
                            Arrays.fill(cols, dst + i * ow, dst + (i + 1) * ow, 0.0);
                            continue;
                        }
                        int src = plane + ih * w;
                        int o = dst + i * ow;
                        for (int j = 0; j < ow; j++) {
                            int iw = j * g.sW() + b * g.dW() - g.pW();
                            if (circ) cols[o + j] = x[src + wrap(iw, w)];
                            else cols[o + j] = iw < 0 || iw >= w ? 0.0 : x[src + iw];
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: adds each column entry back into the input position it came from. */
    static void col2imAdd(double[] cols, ConvGeometry g, double[] dx, int xOff, int c0) {
        int h = g.inH(), w = g.inW(), oh = g.outH(), ow = g.outW();
        int ohw = oh * ow;
        boolean circ = g.circular();
        int row = 0;
        for (int c = 0; c < g.inPerGroup(); c++) {
            int plane = xOff + (c0 + c) * h * w;
            for (int a = 0; a < g.kH(); a++) {
                for (int b = 0; b < g.kW(); b++, row++) {
                    int src = row * ohw;
                    for (int i = 0; i < oh; i++) {
                        int ih = i * g.sH() + a * g.dH() - g.pH();
                        if (circ) ih = wrap(ih, h);
                        else if (ih < 0 || ih >= h) continue;
                        int dst = plane + ih * w;
                        int o = src + i * ow;
                        for (int j = 0; j < ow; j++) {
                            int iw = j * g.sW() + b * g.dW() - g.pW();
                            if (circ) dx[dst + wrap(iw, w)] += cols[o + j];
                            else if (iw >= 0 && iw < w) dx[dst + iw] += cols[o + j];
                        }
                    }
                }
            }
        }
    }
}
