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
     * The im2col index table of one group: {@code t[(c·kH + a)·kW + b][oh·OW + ow]} = the offset
     * c·H·W + ih·W + iw of the input entry that tap (c, a, b) reads for output (oh, ow), with
     * ih = oh·sH + a·dH − pH and iw = ow·sW + b·dW − pW (taken mod H, W for circular padding), or −1
     * where a zero-padded index falls outside. Size colRows·OH·OW ints, built once per geometry.
     */
    static int[] im2colTable(ConvGeometry g) {
        int h = g.inH(), w = g.inW(), oh = g.outH(), ow = g.outW(), ohw = oh * ow;
        boolean circ = g.circular();
        int[] t = new int[g.colRows() * ohw];
        int row = 0;
        for (int c = 0; c < g.inPerGroup(); c++) {
            for (int a = 0; a < g.kH(); a++) {
                for (int b = 0; b < g.kW(); b++, row++) {
                    for (int i = 0; i < oh; i++) {
                        int ih = i * g.sH() + a * g.dH() - g.pH();
                        if (circ) ih = wrap(ih, h);
                        for (int j = 0; j < ow; j++) {
                            int iw = j * g.sW() + b * g.dW() - g.pW();
                            if (circ) iw = wrap(iw, w);
                            boolean in = ih >= 0 && ih < h && iw >= 0 && iw < w;
                            t[row * ohw + i * ow + j] = in ? c * h * w + ih * w + iw : -1;
                        }
                    }
                }
            }
        }
        return t;
    }

    /**
     * Batched im2col of one group: {@code cols[cOff + r·ld + s·OHW + q] = x[s·xStride + xOff + t[r·OHW + q]]}
     * (0 where t = −1) for every sample s < n, so the columns of all samples sit side by side and one
     * gemm serves the whole batch.
     */
    static void im2col(double[] x, int n, int xStride, int xOff, int[] t, int rows, int ohw, double[] cols, int cOff, int ld) {
        for (int r = 0; r < rows; r++) {
            int tr = r * ohw;
            for (int s = 0; s < n; s++) {
                int base = s * xStride + xOff, dst = cOff + r * ld + s * ohw;
                for (int q = 0; q < ohw; q++) {
                    int idx = t[tr + q];
                    cols[dst + q] = idx < 0 ? 0.0 : x[base + idx];
                }
            }
        }
    }

    /** {@link #im2col} into a float32 buffer. */
    static void im2col(double[] x, int n, int xStride, int xOff, int[] t, int rows, int ohw, float[] cols, int cOff, int ld) {
        for (int r = 0; r < rows; r++) {
            int tr = r * ohw;
            for (int s = 0; s < n; s++) {
                int base = s * xStride + xOff, dst = cOff + r * ld + s * ohw;
                for (int q = 0; q < ohw; q++) {
                    int idx = t[tr + q];
                    cols[dst + q] = idx < 0 ? 0f : (float) x[base + idx];
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: {@code dx[s·xStride + xOff + t[r·OHW + q]] += cols[r·ld + s·OHW + q]}. */
    static void col2imAdd(double[] cols, int n, int[] t, int rows, int ohw, int ld, double[] dx, int xStride, int xOff) {
        for (int r = 0; r < rows; r++) {
            int tr = r * ohw;
            for (int s = 0; s < n; s++) {
                int base = s * xStride + xOff, src = r * ld + s * ohw;
                for (int q = 0; q < ohw; q++) {
                    int idx = t[tr + q];
                    if (idx >= 0) dx[base + idx] += cols[src + q];
                }
            }
        }
    }

    /** {@link #col2imAdd} from a float32 buffer. */
    static void col2imAdd(float[] cols, int n, int[] t, int rows, int ohw, int ld, double[] dx, int xStride, int xOff) {
        for (int r = 0; r < rows; r++) {
            int tr = r * ohw;
            for (int s = 0; s < n; s++) {
                int base = s * xStride + xOff, src = r * ld + s * ohw;
                for (int q = 0; q < ohw; q++) {
                    int idx = t[tr + q];
                    if (idx >= 0) dx[base + idx] += cols[src + q];
                }
            }
        }
    }

    /** A float array of at least {@code n} entries: {@code buf} when large enough, else a new one. */
    static float[] floats(float[] buf, int n) { return buf != null && buf.length >= n ? buf : new float[n]; }

    /** A double array of at least {@code n} entries: {@code buf} when large enough, else a new one. */
    static double[] doubles(double[] buf, int n) { return buf != null && buf.length >= n ? buf : new double[n]; }

    /** dst[0..n) = (float) src[off..off+n). */
    static float[] toFloat(double[] src, int off, int n, float[] dst) {
        for (int i = 0; i < n; i++) dst[i] = (float) src[off + i];
        return dst;
    }
}
