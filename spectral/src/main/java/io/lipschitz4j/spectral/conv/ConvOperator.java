package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.LinearOperator;
import io.lipschitz4j.linalg.Tensor;
import java.util.Arrays;

/**
 * The linear map of a {@link Convolution}, matrix-free: y = A x with x the C-order input
 * [in, n₁(, n₂)] and y the C-order output [out, o₁(, o₂)], exactly as the record's javadoc defines it
 * (PyTorch cross-correlation; ZERO or CIRCULAR padding; stride, dilation, groups).
 *
 * <p>Method: im2col + one BLAS dgemm per group. For group g the column matrix
 * X_g[(c, a, b), (i₁, i₂)] = x[g·cᵢ + c, j₁(a, i₁), j₂(b, i₂)] (0 where a zero-padded index falls
 * outside the input) has cᵢ·k₁·k₂ rows, and Y_g = W_g · X_g with W_g the [out/groups, cᵢ·k₁·k₂]
 * reshape of the kernel block. The adjoint is X̄_g = W_gᵀ · Y_g followed by the col2im scatter-add.
 * Input indices per axis are tabulated once (tap, output position) → input position or −1.
 *
 * <p>Cost per apply or applyTranspose: O(out · in/groups · k₁k₂ · o₁o₂) flops, O(in/groups · k₁k₂ ·
 * o₁o₂) extra memory. Precision: every output entry is one dot product of at most
 * K = (in/groups)·k₁·k₂ terms (zero-padded taps are exact zeros), so
 * |fl(Ax) − Ax| ≤ γ_K·|A||x| + K·η entrywise whatever order BLAS sums in (Higham (3.5)); see
 * {@link #tapsPerOutput()} and {@link #abs()} for the operator |A| used in such bounds.
 * Instances are immutable and thread-safe (work arrays are allocated per call).
 */
public final class ConvOperator implements LinearOperator {
    private final Convolution conv;
    private final int groups, cinG, coutG, n1, n2, o1, o2, k1, k2, kk;
    private final double[] w;      // kernel data [out, cinG, k1, k2]
    private final int[] tab1, tab2; // tab[a * o + i] = input index or -1

    public ConvOperator(Convolution conv) {
        this.conv = conv;
        boolean two = conv.spatialDims() == 2;
        this.groups = conv.groups();
        this.coutG = conv.outChannels() / groups;
        this.cinG = conv.kernel().dim(1);
        int[] n = conv.inputSize(), s = conv.stride(), d = conv.dilation();
        this.n1 = n[0];
        this.n2 = two ? n[1] : 1;
        this.k1 = conv.kernelSize(0);
        this.k2 = two ? conv.kernelSize(1) : 1;
        this.o1 = conv.outputSize(0);
        this.o2 = two ? conv.outputSize(1) : 1;
        this.kk = cinG * k1 * k2;
        this.w = conv.kernel().data();
        boolean circ = conv.padding() == Padding.CIRCULAR;
        this.tab1 = table(n1, o1, k1, s[0], d[0], conv.offset(0), circ);
        this.tab2 = two ? table(n2, o2, k2, s[1], d[1], conv.offset(1), circ) : new int[] {0};
    }

    private static int[] table(int n, int o, int k, int s, int d, int p, boolean circ) {
        int[] t = new int[k * o];
        for (int a = 0; a < k; a++) {
            for (int i = 0; i < o; i++) {
                long j = (long) i * s + (long) a * d - p;
                if (circ) t[a * o + i] = (int) Math.floorMod(j, (long) n);
                else t[a * o + i] = (j >= 0 && j < n) ? (int) j : -1;
            }
        }
        return t;
    }

    public Convolution convolution() { return conv; }

    @Override public int rows() { return conv.outputDim(); }
    @Override public int cols() { return conv.inputDim(); }

    /** K = (in/groups)·k₁·k₂: the most products summed into one output entry. */
    public int tapsPerOutput() { return kk; }

    /** The operator |A| of the entrywise absolute kernel (same geometry). */
    public ConvOperator abs() {
        double[] a = w.clone();
        for (int i = 0; i < a.length; i++) a[i] = Math.abs(a[i]);
        return new ConvOperator(new Convolution(new Tensor(conv.kernel().shape(), a), conv.inputSize(), conv.padding(),
                conv.pad(), conv.stride(), conv.dilation(), conv.groups()));
    }

    @Override
    public void apply(double[] x, double[] y) {
        check(x.length, cols(), "x");
        check(y.length, rows(), "y");
        int p = o1 * o2;
        double[] col = new double[kk * p];
        for (int g = 0; g < groups; g++) {
            im2col(x, g, col);
            // Y_g (coutG × p) = W_g (coutG × kk) · col (kk × p)
            Blas.gemm(false, false, coutG, p, kk, 1.0, w, g * coutG * kk, kk, col, 0, p, 0.0, y, g * coutG * p, p);
        }
    }

    @Override
    public void applyTranspose(double[] y, double[] x) {
        check(y.length, rows(), "y");
        check(x.length, cols(), "x");
        int p = o1 * o2;
        double[] col = new double[kk * p];
        Arrays.fill(x, 0.0);
        for (int g = 0; g < groups; g++) {
            // col (kk × p) = W_gᵀ (kk × coutG) · Y_g (coutG × p)
            Blas.gemm(true, false, kk, p, coutG, 1.0, w, g * coutG * kk, kk, y, g * coutG * p, p, 0.0, col, 0, p);
            col2im(col, g, x);
        }
    }

    private void im2col(double[] x, int g, double[] col) {
        int p = o1 * o2, nn = n1 * n2;
        for (int c = 0; c < cinG; c++) {
            int xc = (g * cinG + c) * nn;
            for (int a = 0; a < k1; a++) {
                for (int b = 0; b < k2; b++) {
                    int row = ((c * k1 + a) * k2 + b) * p;
                    for (int i1 = 0; i1 < o1; i1++) {
                        int j1 = tab1[a * o1 + i1];
                        int base = row + i1 * o2;
                        if (j1 < 0) {
                            Arrays.fill(col, base, base + o2, 0.0);
                            continue;
                        }
                        int xr = xc + j1 * n2;
                        int tb = b * o2;
                        for (int i2 = 0; i2 < o2; i2++) {
                            int j2 = tab2[tb + i2];
                            col[base + i2] = j2 < 0 ? 0.0 : x[xr + j2];
                        }
                    }
                }
            }
        }
    }

    private void col2im(double[] col, int g, double[] x) {
        int p = o1 * o2, nn = n1 * n2;
        for (int c = 0; c < cinG; c++) {
            int xc = (g * cinG + c) * nn;
            for (int a = 0; a < k1; a++) {
                for (int b = 0; b < k2; b++) {
                    int row = ((c * k1 + a) * k2 + b) * p;
                    for (int i1 = 0; i1 < o1; i1++) {
                        int j1 = tab1[a * o1 + i1];
                        if (j1 < 0) continue;
                        int base = row + i1 * o2;
                        int xr = xc + j1 * n2;
                        int tb = b * o2;
                        for (int i2 = 0; i2 < o2; i2++) {
                            int j2 = tab2[tb + i2];
                            if (j2 >= 0) x[xr + j2] += col[base + i2];
                        }
                    }
                }
            }
        }
    }

    private static void check(int got, int want, String what) {
        if (got != want) throw new IllegalArgumentException(what + " has length " + got + ", expected " + want);
    }

    @Override public String toString() {
        return "ConvOperator[" + rows() + "x" + cols() + ", " + conv.padding() + ", groups " + groups + "]";
    }
}
