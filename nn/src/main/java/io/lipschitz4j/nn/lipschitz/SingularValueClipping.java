package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.PaddingMode;
import io.lipschitz4j.nn.train.StepHook;
import io.lipschitz4j.spectral.conv.CertifiedConvNorm;

/**
 * Singular-value clipping (Sedghi, Gupta and Long, "The Singular Values of Convolutional Layers",
 * ICLR 2019, Alg. 1 "ClipSingularValues" and §3.2), every {@code period} steps.
 *
 * <p>Conv2d, on an n₁×n₂ grid: the stride-1 circular convolution with kernel K is unitarily equivalent
 * to the block diagonal of P(f) = Σ_{a,b} K[:, :, a, b]·e^{2πi(a·d₁f₁/n₁ + b·d₂f₂/n₂)} (one
 * (O/g)×(C/g) block per frequency f and group). Each block with σ_max &gt; c is replaced by
 * P'(f) = U·min(Σ, c)·Vᴴ (SVD of the real embedding [[Re, −Im], [Im, Re]], on which clipping commutes
 * with the embedding), then the kernel is rebuilt by the inverse DFT and <b>projected back onto the
 * kH×kW support</b>: K'[:, :, a, b] = K + (1/n₁n₂)·Σ_f Re((P' − P)(f)·e^{−2πi(…)}) at the k×k taps only.
 * The clipped full-grid kernel generally has support everywhere, so the projection breaks exact
 * clipping: after one call σ_max is reduced towards c but may stay above it (Sedghi et al. alternate the
 * two projections and observe that σ_max approaches c over repeated calls; it is not a guarantee).
 *
 * <p>Grid: the layer's input size for circular padding (the layer is a row selection of the stride-1
 * circular operator, see {@link LayerNorms}, so clipping that operator bounds strided layers too); for
 * zero padding the circular embedding grid of {@link CertifiedConvNorm#circularCover} (the zero-padded
 * operator is a submatrix of the circular one there), an approximation of the zero-padded spectrum.
 * Dense layers are clipped exactly: W ← U·min(Σ, c)·Vᵀ.
 *
 * <p>Cost per conv: n₁n₂·kH·kW·O·C/g complex multiply–adds for the DFT, one singular-value computation
 * of a (2O/g)×(2C/g) matrix per frequency and group, an SVD only where clipping is needed.
 */
public final class SingularValueClipping implements StepHook {
    private final double c;
    private final int period;

    /** Clip at c every {@code period} steps (Sedghi et al. clip every 100 steps). */
    public SingularValueClipping(double c, int period) {
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("clipping value must be > 0 and finite, got " + c);
        if (period < 1) throw new IllegalArgumentException("period must be >= 1");
        this.c = c;
        this.period = period;
    }

    public double clip() { return c; }
    public int period() { return period; }

    @Override
    public void afterStep(Layer model, long step) {
        if ((step + 1) % period != 0) return;
        for (LinearLayers.Entry e : LinearLayers.of(model)) {
            if (e.layer() instanceof Dense d) clipInPlace(d, c);
            else {
                int[] hw = e.spatialSize();
                if (hw == null) throw new IllegalStateException("layer " + e.path() + ": input size unknown before the first forward");
                clipInPlace((Conv2d) e.layer(), hw[0], hw[1], c);
            }
        }
    }

    /** W ← U·min(Σ, c)·Vᵀ; returns the number of clipped singular values. */
    public static int clipInPlace(Dense d, double c) {
        double[] w = d.weight().data();
        int m = d.outFeatures(), n = d.inFeatures();
        Lapack.Svd svd = Lapack.svd(new DenseMatrix(m, n, w.clone()));
        int clipped = 0;
        for (int r = 0; r < svd.s().length; r++) {
            double excess = svd.s()[r] - c;
            if (excess <= 0) break;
            clipped++;
            for (int i = 0; i < m; i++) {
                double ui = svd.u().get(i, r) * excess;
                for (int j = 0; j < n; j++) w[i * n + j] -= ui * svd.v().get(j, r);
            }
        }
        return clipped;
    }

    /** The grid of {@link #clipInPlace(Conv2d, int, int, double)}: input size (circular) or the circular-embedding size (zeros). */
    public static int[] grid(Conv2d layer, int h, int w) {
        if (layer.spec().mode() == PaddingMode.CIRCULAR) return new int[] {h, w};
        return CertifiedConvNorm.circularCover(LayerNorms.convolution(layer, h, w).conv()).inputSize();
    }

    /** Clips the kernel of a conv layer with input size h×w in place (see the class comment); returns the number of clipped blocks. */
    public static int clipInPlace(Conv2d layer, int h, int w, double c) {
        int[] grid = grid(layer, h, w);
        int n1 = grid[0], n2 = grid[1];
        Conv2dSpec s = layer.spec();
        int kh = s.kH(), kw = s.kW(), groups = s.groups(), cin = s.inChannels() / groups, cout = s.outChannels() / groups;
        if (s.dH() * (kh - 1) >= n1 || s.dW() * (kw - 1) >= n2) {
            throw new IllegalArgumentException("kernel extent exceeds the " + n1 + "x" + n2 + " grid: taps would alias");
        }
        double[] k = layer.weight().data();
        double[] delta = new double[k.length];
        int taps = kh * kw, rows = 2 * cout, cols = 2 * cin, clipped = 0;
        double[] cosT = new double[taps], sinT = new double[taps];
        double[] e = new double[rows * cols];
        for (int f1 = 0; f1 < n1; f1++) {
            for (int f2 = 0; f2 < n2; f2++) {
                for (int a = 0; a < kh; a++) {
                    for (int b = 0; b < kw; b++) {
                        double th = 2 * Math.PI * (((long) a * s.dH() * f1) % n1 / (double) n1 + ((long) b * s.dW() * f2) % n2 / (double) n2);
                        cosT[a * kw + b] = Math.cos(th);
                        sinT[a * kw + b] = Math.sin(th);
                    }
                }
                for (int g = 0; g < groups; g++) {
                    // P = Σ_t K_t·e^{iθ_t}: Re = Σ K cos, Im = Σ K sin; embedding [[Re, −Im], [Im, Re]]
                    for (int o = 0; o < cout; o++) {
                        for (int ci = 0; ci < cin; ci++) {
                            int base = ((g * cout + o) * cin + ci) * taps;
                            double re = 0, im = 0;
                            for (int t = 0; t < taps; t++) {
                                re += k[base + t] * cosT[t];
                                im += k[base + t] * sinT[t];
                            }
                            e[o * cols + ci] = re;
                            e[o * cols + cin + ci] = -im;
                            e[(cout + o) * cols + ci] = im;
                            e[(cout + o) * cols + cin + ci] = re;
                        }
                    }
                    DenseMatrix em = new DenseMatrix(rows, cols, e);
                    if (Lapack.singularValues(em)[0] <= c) continue;
                    clipped++;
                    Lapack.Svd svd = Lapack.svd(em);
                    // (P' − P) = −Σ_r (σ_r − c)₊ u_r v_rᵀ, read from the top-left (Re) and bottom-left (Im) blocks
                    for (int r = 0; r < svd.s().length && svd.s()[r] > c; r++) {
                        double ex = svd.s()[r] - c;
                        for (int o = 0; o < cout; o++) {
                            double uRe = svd.u().get(o, r) * ex, uIm = svd.u().get(cout + o, r) * ex;
                            for (int ci = 0; ci < cin; ci++) {
                                double v = svd.v().get(ci, r);
                                double dRe = -uRe * v, dIm = -uIm * v;
                                int base = ((g * cout + o) * cin + ci) * taps;
                                // Re((dRe + i dIm)·e^{−iθ}) = dRe cos θ + dIm sin θ
                                for (int t = 0; t < taps; t++) delta[base + t] += dRe * cosT[t] + dIm * sinT[t];
                            }
                        }
                    }
                }
            }
        }
        double inv = 1.0 / ((double) n1 * n2);
        for (int i = 0; i < k.length; i++) k[i] += delta[i] * inv;
        return clipped;
    }

    @Override public String toString() { return "clip:" + c + (period == 1 ? "" : ":every=" + period); }
}
