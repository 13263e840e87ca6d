package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D transposed convolution, as PyTorch's {@code nn.ConvTranspose2d} and ONNX {@code ConvTranspose}:
 * the adjoint of the {@link Conv2d} with the same geometry from C_out to C_in channels, plus a bias.
 * With kernel K [C_in, C_out/g, kH, kW] (PyTorch/ONNX layout),
 * y[n, g·C_out/g + o, i·sH + a·dH − pH, j·sW + b·dW − pW] += K[g·C_in/g + c, o, a, b] · x[n, g·C_in/g + c, i, j],
 * output size OH = (H − 1)sH − 2pH + dH(kH − 1) + opH + 1 (op the output padding, extra rows/columns at
 * the bottom/right that only receive the bias), likewise OW.
 *
 * <p>Method: per group, columns = K_gᵀ·X_g [C_out/g·kH·kW, N·H·W] by one gemm, then col2im (the
 * adjoint of {@link Conv2d}'s im2col) into the output. Backward: ∂L/∂X_g = K_g·im2col(G),
 * ∂L/∂K_g += X_g·im2col(G)ᵀ, ∂L/∂b[o] += Σ G[n, o, :, :]. Cost 2·N·C_in·(C_out/g)·kH·kW·H·W flops forward.
 * Its ℓ₂ Lipschitz constant equals that of the adjoint convolution (the spectral norm is invariant under
 * transposition).
 *
 * @see Conv2dSpec the geometry: inChannels = C_in, outChannels = C_out of this layer; zero padding only
 */
public final class ConvTranspose2d implements Layer {
    private final Conv2dSpec spec;
    private final int opH, opW;
    private final Parameter weight, bias;
    private Tensor x;
    private ConvGeometry geom;
    private int[] table;

    /**
     * @param spec      C_in → C_out, kernel, stride, padding, dilation, groups (zero padding mode)
     * @param outPadH   output padding along H, 0 ≤ opH < max(sH, dH)
     * @param outPadW   output padding along W
     * @param kernel    [C_in, C_out/g, kH, kW], shared
     * @param bias      [C_out] or {@code null} (must match {@code spec.bias()}), shared
     */
    public ConvTranspose2d(Conv2dSpec spec, int outPadH, int outPadW, Tensor kernel, Tensor bias) {
        if (spec.mode() != PaddingMode.ZEROS) throw new IllegalArgumentException("ConvTranspose2d supports zero padding only, got " + spec.mode());
        if (outPadH < 0 || outPadW < 0 || outPadH >= Math.max(spec.sH(), spec.dH()) || outPadW >= Math.max(spec.sW(), spec.dW())) {
            throw new IllegalArgumentException("ConvTranspose2d: output padding " + outPadH + "x" + outPadW + " must be >= 0 and < max(stride, dilation)");
        }
        int[] want = {spec.inChannels(), spec.outChannels() / spec.groups(), spec.kH(), spec.kW()};
        if (!Arrays.equals(kernel.shape(), want)) throw new IllegalArgumentException("ConvTranspose2d kernel must be " + Arrays.toString(want) + ", got " + kernel);
        if (spec.bias() != (bias != null)) throw new IllegalArgumentException("spec.bias() is " + spec.bias() + " but bias is " + bias);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != spec.outChannels())) throw new IllegalArgumentException("ConvTranspose2d bias must be [" + spec.outChannels() + "], got " + bias);
        this.spec = spec;
        this.opH = outPadH;
        this.opW = outPadW;
        this.weight = Parameter.of("weight", kernel);
        this.bias = bias == null ? null : Parameter.of("bias", bias);
    }

    public Conv2dSpec spec() { return spec; }
    public Tensor weight() { return weight.value(); }
    public Tensor bias() { return bias == null ? null : bias.value(); }
    /** {opH, opW}. */
    public int[] outputPadding() { return new int[] {opH, opW}; }

    /** Output size along one axis: (n − 1)s − 2p + d(k − 1) + op + 1. */
    public static int outSize(int n, int k, int s, int p, int d, int op) {
        int out = (n - 1) * s - 2 * p + d * (k - 1) + op + 1;
        if (out < 1) throw new IllegalArgumentException("ConvTranspose2d: output size " + out + " < 1 for input " + n);
        return out;
    }

    /** The geometry of the adjoint convolution (C_out → C_in, input OH×OW, output H×W) with its im2col table. */
    private ConvGeometry geometry(int h, int w) {
        if (geom == null || geom.outH() != h || geom.outW() != w) {
            Conv2dSpec adj = new Conv2dSpec(spec.outChannels(), spec.inChannels(), spec.kH(), spec.kW(), spec.sH(), spec.sW(),
                    spec.pH(), spec.pW(), spec.dH(), spec.dW(), spec.groups(), PaddingMode.ZEROS, false);
            geom = new ConvGeometry(adj, outSize(h, spec.kH(), spec.sH(), spec.pH(), spec.dH(), opH),
                    outSize(w, spec.kW(), spec.sW(), spec.pW(), spec.dW(), opW), h, w);
            table = Ops.im2colTable(geom);
        }
        return geom;
    }

    @Override
    public Tensor forward(Tensor x) {
        Ops.requireShape("ConvTranspose2d", x, spec.inChannels(), -1, -1);
        this.x = x;
        ConvGeometry g = geometry(x.dim(2), x.dim(3));
        int n = x.dim(0), hw = g.outH() * g.outW(), oH = g.inH(), oW = g.inW(), rows = g.colRows(), groups = spec.groups();
        int inPg = spec.inChannels() / groups, outPg = spec.outChannels() / groups, len = n * hw;
        int inSample = spec.inChannels() * hw, outSample = spec.outChannels() * oH * oW;
        double[] xg = new double[inPg * len], cols = new double[rows * len], k = weight.value().data();
        Tensor y = Tensor.zeros(n, spec.outChannels(), oH, oW);
        for (int grp = 0; grp < groups; grp++) {
            gather(x.data(), n, inSample, grp * inPg, inPg, hw, xg);
            Blas.gemm(true, false, rows, len, inPg, 1.0, k, grp * inPg * rows, rows, xg, 0, len, 0.0, cols, 0, len);
            Ops.col2imAdd(cols, n, table, rows, hw, len, y.data(), outSample, grp * outPg * oH * oW);
        }
        if (bias != null) {
            double[] b = bias.value().data(), yd = y.data();
            int plane = oH * oW;
            for (int s = 0; s < n; s++) for (int o = 0; o < spec.outChannels(); o++) {
                int off = s * outSample + o * plane;
                for (int i = 0; i < plane; i++) yd[off + i] += b[o];
            }
        }
        return y;
    }

    /** xg[c, s·HW + q] = x[s·stride + (c0 + c)·HW + q] for c < count. */
    private static void gather(double[] x, int n, int stride, int c0, int count, int hw, double[] xg) {
        for (int c = 0; c < count; c++) for (int s = 0; s < n; s++) {
            System.arraycopy(x, s * stride + (c0 + c) * hw, xg, c * n * hw + s * hw, hw);
        }
    }

    @Override
    public Tensor backward(Tensor gy) {
        if (x == null) throw new IllegalStateException("ConvTranspose2d: backward without forward");
        ConvGeometry g = geometry(x.dim(2), x.dim(3));
        int n = x.dim(0), hw = g.outH() * g.outW(), oH = g.inH(), oW = g.inW(), rows = g.colRows(), groups = spec.groups();
        Ops.requireShape("ConvTranspose2d backward", gy, spec.outChannels(), oH, oW);
        if (gy.dim(0) != n) throw new IllegalArgumentException("ConvTranspose2d backward: batch " + gy.dim(0) + " != " + n);
        int inPg = spec.inChannels() / groups, outPg = spec.outChannels() / groups, len = n * hw;
        int inSample = spec.inChannels() * hw, outSample = spec.outChannels() * oH * oW;
        double[] xg = new double[inPg * len], cols = new double[rows * len], dxg = new double[inPg * len];
        double[] k = weight.value().data(), dk = weight.grad().data();
        Tensor dx = Tensor.zeros(x.shape());
        for (int grp = 0; grp < groups; grp++) {
            int kOff = grp * inPg * rows;
            Ops.im2col(gy.data(), n, outSample, grp * outPg * oH * oW, table, rows, hw, cols, 0, len);
            gather(x.data(), n, inSample, grp * inPg, inPg, hw, xg);
            Blas.gemm(false, true, inPg, rows, len, 1.0, xg, 0, len, cols, 0, len, 1.0, dk, kOff, rows);
            Blas.gemm(false, false, inPg, len, rows, 1.0, k, kOff, rows, cols, 0, len, 0.0, dxg, 0, len);
            for (int c = 0; c < inPg; c++) for (int s = 0; s < n; s++) {
                System.arraycopy(dxg, c * len + s * hw, dx.data(), s * inSample + (grp * inPg + c) * hw, hw);
            }
        }
        if (bias != null) {
            double[] db = bias.grad().data(), gd = gy.data();
            int plane = oH * oW;
            for (int s = 0; s < n; s++) for (int o = 0; o < spec.outChannels(); o++) {
                double sum = 0;
                int off = s * outSample + o * plane;
                for (int i = 0; i < plane; i++) sum += gd[off + i];
                db[o] += sum;
            }
        }
        return dx;
    }

    @Override
    public int[] outputShape(int... in) {
        if (in.length != 3 || in[0] != spec.inChannels()) throw new IllegalArgumentException("ConvTranspose2d expects samples [" + spec.inChannels() + ", H, W], got " + Arrays.toString(in));
        return new int[] {spec.outChannels(), outSize(in[1], spec.kH(), spec.sH(), spec.pH(), spec.dH(), opH),
                outSize(in[2], spec.kW(), spec.sW(), spec.pW(), spec.dW(), opW)};
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(2);
        ps.add(weight);
        if (bias != null) ps.add(bias);
        return ps;
    }

    @Override public String toString() {
        Conv2dSpec c = spec;
        StringBuilder b = new StringBuilder("ConvTranspose2d(").append(c.inChannels()).append(" -> ").append(c.outChannels()).append(", ")
                .append(c.kH()).append('x').append(c.kW()).append(", stride ").append(c.sH()).append('x').append(c.sW())
                .append(", pad ").append(c.pH()).append('x').append(c.pW());
        if (opH != 0 || opW != 0) b.append(", output pad ").append(opH).append('x').append(opW);
        if (c.dH() != 1 || c.dW() != 1) b.append(", dilation ").append(c.dH()).append('x').append(c.dW());
        if (c.groups() != 1) b.append(", groups ").append(c.groups());
        if (!c.bias()) b.append(", no bias");
        return b.append(')').toString();
    }
}
