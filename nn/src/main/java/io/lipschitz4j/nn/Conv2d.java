package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * 2-D convolution (cross-correlation) on x [N, C, H, W] with kernel K [O, C/g, kH, kW] and bias b [O],
 * as PyTorch's {@code nn.Conv2d}:
 * y[n, o, i, j] = b[o] + Σ_{c, a, β} K[o, c, a, β] · x[n, g(o)·C/g + c, i·sH + a·dH − pH, j·sW + β·dW − pW],
 * reading 0 outside the input ({@link PaddingMode#ZEROS}) or indices mod H, W
 * ({@link PaddingMode#CIRCULAR}). Output size ⌊(H + 2pH − dH(kH−1) − 1)/sH⌋ + 1, likewise for W.
 *
 * <p>Method: per sample and group, im2col X_g [C/g·kH·kW, OH·OW], then Y_g = K_g·X_g (dgemm).
 * Backward: ∂L/∂K_g += G_g·X_gᵀ, ∂L/∂X_g = K_gᵀ·G_g folded back by col2im (the adjoint of im2col),
 * ∂L/∂b[o] += Σ G[n, o, :, :]. Cost 2·N·O·(C/g)·kH·kW·OH·OW flops forward, twice that backward;
 * memory one im2col buffer per call (recomputed in backward instead of stored).
 */
public final class Conv2d implements Layer {
    private final Conv2dSpec spec;
    private final Parameter weight;
    private final Parameter bias;
    private Tensor x;

    /** A layer with the given kernel [O, C/g, kH, kW] and bias [O] (or {@code null}); tensors are shared. */
    public Conv2d(Conv2dSpec spec, Tensor kernel, Tensor bias) {
        int[] want = {spec.outChannels(), spec.inChannels() / spec.groups(), spec.kH(), spec.kW()};
        if (!Arrays.equals(kernel.shape(), want)) {
            throw new IllegalArgumentException("Conv2d kernel must be " + Arrays.toString(want) + ", got " + kernel);
        }
        if (spec.bias() != (bias != null)) throw new IllegalArgumentException("spec.bias() is " + spec.bias() + " but bias is " + bias);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != spec.outChannels())) {
            throw new IllegalArgumentException("Conv2d bias must be [" + spec.outChannels() + "], got " + bias);
        }
        this.spec = spec;
        this.weight = Parameter.of("weight", kernel);
        this.bias = bias == null ? null : Parameter.of("bias", bias);
    }

    /** PyTorch-default initialization U(−1/√fanIn, 1/√fanIn), fanIn = C/g·kH·kW, from a seeded generator. */
    public Conv2d(Conv2dSpec s, SplittableRandom rng) {
        this(s, Init.uniformFanIn(Tensor.zeros(s.outChannels(), s.inChannels() / s.groups(), s.kH(), s.kW()), fanIn(s), rng),
                s.bias() ? Init.uniformFanIn(Tensor.zeros(s.outChannels()), fanIn(s), rng) : null);
    }

    private static int fanIn(Conv2dSpec s) { return s.inChannels() / s.groups() * s.kH() * s.kW(); }

    public Conv2dSpec spec() { return spec; }
    public Tensor weight() { return weight.value(); }
    public Tensor bias() { return bias == null ? null : bias.value(); }

    @Override
    public Tensor forward(Tensor x) {
        Ops.requireShape("Conv2d", x, spec.inChannels(), -1, -1);
        this.x = x;
        ConvGeometry g = ConvGeometry.of(spec, x.dim(2), x.dim(3));
        int n = x.dim(0), ohw = g.outH() * g.outW(), rows = g.colRows(), og = g.outPerGroup();
        int inSample = spec.inChannels() * g.inH() * g.inW(), outSample = spec.outChannels() * ohw;
        Tensor y = Tensor.zeros(n, spec.outChannels(), g.outH(), g.outW());
        double[] cols = new double[rows * ohw];
        double[] k = weight.value().data(), yd = y.data();
        for (int s = 0; s < n; s++) {
            for (int grp = 0; grp < spec.groups(); grp++) {
                Ops.im2col(x.data(), s * inSample, grp * g.inPerGroup(), g, cols);
                Blas.gemm(false, false, og, ohw, rows, 1.0, k, grp * og * rows, rows, cols, 0, ohw,
                        0.0, yd, s * outSample + grp * og * ohw, ohw);
            }
        }
        if (bias != null) {
            double[] b = bias.value().data();
            for (int s = 0; s < n; s++) {
                for (int o = 0; o < spec.outChannels(); o++) {
                    int off = s * outSample + o * ohw;
                    for (int i = 0; i < ohw; i++) yd[off + i] += b[o];
                }
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor gy) {
        if (x == null) throw new IllegalStateException("Conv2d: backward without forward");
        ConvGeometry g = ConvGeometry.of(spec, x.dim(2), x.dim(3));
        int n = x.dim(0), ohw = g.outH() * g.outW(), rows = g.colRows(), og = g.outPerGroup();
        Ops.requireShape("Conv2d backward", gy, spec.outChannels(), g.outH(), g.outW());
        if (gy.dim(0) != n) throw new IllegalArgumentException("Conv2d backward: batch " + gy.dim(0) + " != " + n);
        int inSample = spec.inChannels() * g.inH() * g.inW(), outSample = spec.outChannels() * ohw;
        Tensor dx = Tensor.zeros(x.shape());
        double[] cols = new double[rows * ohw], dcols = new double[rows * ohw];
        double[] k = weight.value().data(), dk = weight.grad().data(), gd = gy.data();
        for (int s = 0; s < n; s++) {
            for (int grp = 0; grp < spec.groups(); grp++) {
                int gOff = s * outSample + grp * og * ohw, kOff = grp * og * rows;
                Ops.im2col(x.data(), s * inSample, grp * g.inPerGroup(), g, cols);
                Blas.gemm(false, true, og, rows, ohw, 1.0, gd, gOff, ohw, cols, 0, ohw, 1.0, dk, kOff, rows);
                Blas.gemm(true, false, rows, ohw, og, 1.0, k, kOff, rows, gd, gOff, ohw, 0.0, dcols, 0, ohw);
                Ops.col2imAdd(dcols, g, dx.data(), s * inSample, grp * g.inPerGroup());
            }
        }
        if (bias != null) {
            double[] db = bias.grad().data();
            for (int s = 0; s < n; s++) {
                for (int o = 0; o < spec.outChannels(); o++) {
                    int off = s * outSample + o * ohw;
                    double sum = 0;
                    for (int i = 0; i < ohw; i++) sum += gd[off + i];
                    db[o] += sum;
                }
            }
        }
        return dx;
    }

    @Override
    public int[] outputShape(int... in) {
        if (in.length != 3 || in[0] != spec.inChannels()) {
            throw new IllegalArgumentException("Conv2d expects samples [" + spec.inChannels() + ", H, W], got " + Arrays.toString(in));
        }
        ConvGeometry g = ConvGeometry.of(spec, in[1], in[2]);
        return new int[] {spec.outChannels(), g.outH(), g.outW()};
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(2);
        ps.add(weight);
        if (bias != null) ps.add(bias);
        return ps;
    }

    @Override public String toString() { return "Conv2d" + spec; }
}
