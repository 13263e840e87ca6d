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
 * <p>Method: per group, im2col of the whole batch X_g [C/g·kH·kW, N·OH·OW] (a gather through an index
 * table cached per input size), then one gemm Y_g = K_g·X_g for all samples, scattered into [N, O, OH, OW].
 * Backward: ∂L/∂K_g += G_g·X_gᵀ, ∂L/∂X_g = K_gᵀ·G_g folded back by the batched col2im (the adjoint of
 * im2col), ∂L/∂b[o] += Σ G[n, o, :, :], with G_g [O/g, N·OH·OW] gathered from ∂L/∂y and X_g kept from
 * the forward. Cost 2·N·O·(C/g)·kH·kW·OH·OW flops forward, twice that backward; memory the columns of
 * one batch (N·C·kH·kW·OH·OW values), in buffers reused across calls (a layer instance is not
 * thread-safe). Under {@link Precision#FLOAT32} the layer computes on float32 activations a few samples at
 * a time instead ({@link #forward32}), with columns copied from phase planes ({@link PhaseIm2col}).
 */
public final class Conv2d implements ReLUFusable {
    private final Conv2dSpec spec;
    private final Parameter weight;
    private final Parameter bias;
    /**
     * Target gemm width of a float32 chunk: ~256 columns keeps a chunk's im2col columns in L2 for the
     * issue's CNN and is wide enough for sgemm to run near its peak (tuned on its three layers).
     */
    static final int CHUNK_COLUMNS = Integer.getInteger("lipschitz4j.nn.convChunk", 256);
    private Tensor x; // the last float64 forward's input (null after a float32 one)
    private FloatTensor xF; // the last float32 forward's input (null after a float64 one)
    // reused work buffers: float64 path: the batch's im2col columns (kept for backward), gemm outputs;
    // float32 path: the batch's phase planes (kept for backward), one chunk's columns, gemm outputs, the kernel of the forward, conversions
    private ConvGeometry geom;
    private int[] table;
    private double[] colsD, outD, dcolsD;
    private float[] colsF, outF, dcolsF, kF, dkF;
    private float[] planesF, dplanesF, gWide; // planesF: the last float32 forward's, [group][sample][PhaseIm2col planes]
    private FloatTensor yF, dxF, xIn, gIn;
    private PhaseIm2col phase;
    private final ShortGemm shortGemm = new ShortGemm(); // the float32 forward's gemm when K is short
    private float[] accF;
    /**
     * Column count (C/g·kH·kW) up to which the float32 forward multiplies with {@link ShortGemm} instead
     * of sgemm (0 where the JIT has no FMA); tests set it to compare both.
     */
    static int shortGemmMaxK = ShortGemm.AVAILABLE ? ShortGemm.MAX_K : 0;
    /**
     * Whether a backward without input gradient, one group and one sample per chunk multiplies the
     * output gradient as it is with unwidened columns ({@link PhaseIm2col#columnsNarrow}) when the
     * columns have fewer rows than the layer has outputs; tests clear it to compare with the widened path.
     */
    static boolean narrowParameterGradient = true;
    private int gWideLen = -1; // the chunk width gWide's zero columns were laid out for

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

    /** Spatial size {H, W} of the last forward's input, or {@code null} before the first forward. */
    public int[] lastInputSize() { return geom == null ? null : new int[] {geom.inH(), geom.inW()}; }

    @Override
    public Tensor forward(Tensor x) {
        Ops.requireShape("Conv2d", x, spec.inChannels(), -1, -1);
        if (Precision.current() == Precision.FLOAT32) {
            xIn = FloatTensor.of(x, xIn);
            return forward32(xIn).toTensor();
        }
        this.x = x;
        xF = null;
        ConvGeometry g = geometry(x.dim(2), x.dim(3));
        int n = x.dim(0), ohw = g.outH() * g.outW(), rows = g.colRows(), og = g.outPerGroup(), groups = spec.groups();
        int inSample = spec.inChannels() * g.inH() * g.inW(), outSample = spec.outChannels() * ohw, plane = g.inH() * g.inW();
        int len = n * ohw, colSize = rows * len;
        Tensor y = Tensor.zeros(n, spec.outChannels(), g.outH(), g.outW());
        double[] yd = y.data();
        colsD = Ops.doubles(colsD, groups * colSize);
        outD = Ops.doubles(outD, og * len);
        double[] k = weight.value().data();
        for (int grp = 0; grp < groups; grp++) {
            Ops.im2col(x.data(), n, inSample, grp * g.inPerGroup() * plane, table, rows, ohw, colsD, grp * colSize, len);
            Blas.gemm(false, false, og, len, rows, 1.0, k, grp * og * rows, rows, colsD, grp * colSize, len, 0.0, outD, 0, len);
            for (int o = 0; o < og; o++) for (int s = 0; s < n; s++) {
                System.arraycopy(outD, o * len + s * ohw, yd, s * outSample + (grp * og + o) * ohw, ohw);
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
        return backward(gy, true);
    }

    @Override
    public void backwardParameters(Tensor gy) {
        backward(gy, false);
    }

    private Tensor backward(Tensor gy, boolean inputGradient) {
        if (x == null && xF == null) throw new IllegalStateException("Conv2d: backward without forward");
        if (xF != null) { // the last forward ran in float32
            gIn = FloatTensor.of(gy, gIn);
            FloatTensor dx = backward32(gIn, inputGradient);
            return dx == null ? null : dx.toTensor();
        }
        ConvGeometry g = geometry(x.dim(2), x.dim(3));
        int n = x.dim(0), ohw = g.outH() * g.outW(), rows = g.colRows(), og = g.outPerGroup(), groups = spec.groups();
        Ops.requireShape("Conv2d backward", gy, spec.outChannels(), g.outH(), g.outW());
        if (gy.dim(0) != n) throw new IllegalArgumentException("Conv2d backward: batch " + gy.dim(0) + " != " + n);
        int inSample = spec.inChannels() * g.inH() * g.inW(), outSample = spec.outChannels() * ohw, plane = g.inH() * g.inW();
        int len = n * ohw, colSize = rows * len, kSize = og * rows;
        Tensor dx = inputGradient ? Tensor.zeros(x.shape()) : null;
        double[] dk = weight.grad().data(), gd = gy.data();
        outD = Ops.doubles(outD, og * len);
        if (inputGradient) dcolsD = Ops.doubles(dcolsD, colSize);
        double[] k = weight.value().data();
        for (int grp = 0; grp < groups; grp++) {
            for (int o = 0; o < og; o++) for (int s = 0; s < n; s++) {
                System.arraycopy(gd, s * outSample + (grp * og + o) * ohw, outD, o * len + s * ohw, ohw);
            }
            int kOff = grp * kSize;
            Blas.gemm(false, true, og, rows, len, 1.0, outD, 0, len, colsD, grp * colSize, len, 1.0, dk, kOff, rows);
            if (inputGradient) {
                Blas.gemm(true, false, rows, len, og, 1.0, k, kOff, rows, outD, 0, len, 0.0, dcolsD, 0, len);
                Ops.col2imAdd(dcolsD, n, table, rows, ohw, len, dx.data(), inSample, grp * g.inPerGroup() * plane);
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

    /**
     * Float32 forward, a few samples at a time so that everything stays in cache: per chunk and group,
     * phase planes and columns ({@link PhaseIm2col}: contiguous copies, output rows widened to the
     * plane width), Y = K_g·X_g by one sgemm (by {@link ShortGemm} when X_g has at most
     * {@link #shortGemmMaxK} rows: a 3×3 kernel on one channel), then the valid columns copied into [N, O, OH, OW] with the
     * bias added. The phase planes of the whole batch are kept for {@link #backward32} (about the size
     * of the input: 7.9 MB for the 16→32 layer at batch 128).
     */
    @Override
    public FloatTensor forward32(FloatTensor x) {
        return forward32(x, false);
    }

    /** {@link #forward32}, then max(y, 0) applied as the bias is added (one vectorized pass, see {@link ReLUFusable}). */
    @Override
    public FloatTensor forward32ThenReLU(FloatTensor x) {
        return forward32(x, true);
    }

    private FloatTensor forward32(FloatTensor x, boolean relu) {
        if (x.rank() != 4 || x.dim(1) != spec.inChannels()) {
            throw new IllegalArgumentException("Conv2d: input " + x + ", expected [N, " + spec.inChannels() + ", H, W]");
        }
        xF = x;
        this.x = null;
        ConvGeometry g = geometry(x.dim(2), x.dim(3));
        PhaseIm2col pc = phaseColumns(g);
        int n = x.dim(0), oh = g.outH(), ow = g.outW(), ohw = oh * ow, rows = g.colRows(), og = g.outPerGroup();
        int wq = pc.planeCols, oc = pc.outCols, outSample = spec.outChannels() * ohw, cs = chunk(n, oc);
        kF = Ops.toFloat(weight.value().data(), 0, weight.value().size(), Ops.floats(kF, weight.value().size()));
        yF = FloatTensor.buffer(yF, n, spec.outChannels(), oh, ow);
        int perSample = pc.planesSize(1);
        planesF = Ops.floats(planesF, spec.groups() * n * perSample); // the whole batch's, kept for backward
        boolean shortK = rows <= shortGemmMaxK;
        if (shortK) {
            shortGemm.ensure(rows, cs * oc);
            accF = Ops.floats(accF, cs * oc);
        } else {
            colsF = Ops.floats(colsF, rows * cs * oc);
            outF = Ops.floats(outF, og * cs * oc);
        }
        float[] y = yF.data;
        double[] b = bias == null ? null : bias.value().data();
        for (int s0 = 0; s0 < n; s0 += cs) {
            int c = Math.min(cs, n - s0), len = c * oc;
            for (int grp = 0; grp < spec.groups(); grp++) {
                int pOff = (grp * n + s0) * perSample;
                pc.planes(x.data, s0, c, grp, planesF, pOff);
                if (shortK) {
                    pc.columnRows(planesF, pOff, c, shortGemm.rows);
                } else {
                    pc.columns(planesF, pOff, c, colsF, len);
                    Blas.sgemm(false, false, og, len, rows, 1f, kF, grp * og * rows, rows, colsF, 0, len, 0f, outF, 0, len);
                }
                for (int o = 0; o < og; o++) {
                    float bo = b == null ? 0f : (float) b[grp * og + o];
                    float[] out = outF;
                    int row = o * len;
                    if (shortK) { // row o of the product, straight from the accumulator
                        shortGemm.row(kF, (grp * og + o) * rows, rows, len, accF);
                        out = accF;
                        row = 0;
                    }
                    for (int s = 0; s < c; s++) {
                        int dst = (s0 + s) * outSample + (grp * og + o) * ohw, src = row + s * oc;
                        for (int i = 0; i < oh; i++) System.arraycopy(out, src + i * wq, y, dst + i * ow, ow);
                        if (relu) addReLUInPlace(y, dst, dst + ohw, bo);
                        else addInPlace(y, dst, dst + ohw, bo);
                    }
                }
            }
        }
        return yF;
    }

    /**
     * Float32 backward with the kernel of the forward, chunk by chunk as in {@link #forward32}, the
     * columns copied again from the phase planes that the forward kept (the planes are the one strided
     * gather of the method, so computing them twice cost 1.5–2 s of the CNN epoch; the columns,
     * 2–2.5× larger than the planes, are cheaper to recopy than to keep): G_g widened to the plane width
     * with zeros, [∂L/∂K_g | ∂L/∂b_g] += G_g·[X_g; 1]ᵀ (one sgemm, β = 1, so the bias gradient is summed
     * in float32 as PyTorch sums it; then added into the float64 gradients), ∂L/∂X_g = the adjoint of
     * the columns applied to K_gᵀ·G_g when asked. A first layer (no input gradient, one group, one sample
     * per chunk, fewer column rows than outputs: the CNN's 1→16) skips the widening of G: its columns are
     * built unwidened instead ({@link PhaseIm2col#columnsNarrow}), fewer copies (0.15 s of 1.0 there).
     */
    @Override
    public FloatTensor backward32(FloatTensor gy, boolean inputGradient) {
        if (xF == null) throw new IllegalStateException("Conv2d: backward without a float32 forward");
        ConvGeometry g = geometry(xF.dim(2), xF.dim(3));
        PhaseIm2col pc = phaseColumns(g);
        int n = xF.dim(0), oh = g.outH(), ow = g.outW(), ohw = oh * ow, rows = g.colRows(), og = g.outPerGroup();
        if (gy.rank() != 4 || gy.dim(0) != n || gy.dim(1) != spec.outChannels() || gy.dim(2) != oh || gy.dim(3) != ow) {
            throw new IllegalArgumentException("Conv2d backward: gradient " + gy + " does not match the last forward's output");
        }
        int wq = pc.planeCols, oc = pc.outCols, outSample = spec.outChannels() * ohw, cs = chunk(n, oc);
        int groups = spec.groups(), ldk = rows + 1;
        // ∂L/∂[K_g | b_g] accumulates in one gemm per chunk: the columns get an extra row of ones, whose
        // product with G_g is the bias gradient (a separate pass over G cost as much as that gemm)
        dkF = Ops.floats(dkF, groups * og * ldk);
        Arrays.fill(dkF, 0, groups * og * ldk, 0f);
        if (inputGradient) {
            dxF = FloatTensor.buffer(dxF, xF.shape);
            dcolsF = Ops.floats(dcolsF, rows * cs * oc);
            dplanesF = Ops.floats(dplanesF, pc.planesSize(cs));
        }
        int perSample = pc.planesSize(1);
        colsF = Ops.floats(colsF, ldk * cs * oc);
        if (gWide == null || gWide.length < og * cs * oc) {
            gWide = new float[og * cs * oc];
            gWideLen = -1;
        }
        float[] gd = gy.data;
        if (!inputGradient && groups == 1 && cs == 1 && rows < og && narrowParameterGradient) {
            // a first layer (the CNN's 1→16): ∂L/∂y of a sample is G as it is, against unwidened columns
            colsF = Ops.floats(colsF, ldk * ohw);
            Arrays.fill(colsF, rows * ohw, ldk * ohw, 1f);
            for (int s = 0; s < n; s++) {
                pc.columnsNarrow(planesF, s * perSample, colsF, ohw);
                Blas.sgemm(false, true, og, ldk, ohw, 1f, gd, s * outSample, ohw, colsF, 0, ohw, 1f, dkF, 0, ldk);
            }
            n = 0; // done: skip the chunk loop
        }
        for (int s0 = 0; s0 < n; s0 += cs) {
            int c = Math.min(cs, n - s0), len = c * oc;
            if (len != gWideLen) { // the widened columns are never written below, so zero them per layout
                Arrays.fill(gWide, 0, og * len, 0f);
                gWideLen = len;
            }
            Arrays.fill(colsF, rows * len, ldk * len, 1f);
            for (int grp = 0; grp < groups; grp++) {
                pc.columns(planesF, (grp * n + s0) * perSample, c, colsF, len); // the forward's planes
                for (int o = 0; o < og; o++) {
                    for (int s = 0; s < c; s++) {
                        int src = (s0 + s) * outSample + (grp * og + o) * ohw, dst = o * len + s * oc;
                        for (int i = 0; i < oh; i++) System.arraycopy(gd, src + i * ow, gWide, dst + i * wq, ow);
                    }
                }
                Blas.sgemm(false, true, og, ldk, len, 1f, gWide, 0, len, colsF, 0, len, 1f, dkF, grp * og * ldk, ldk);
                if (inputGradient) {
                    Blas.sgemm(true, false, rows, len, og, 1f, kF, grp * og * rows, rows, gWide, 0, len, 0f, dcolsF, 0, len);
                    pc.columnsAdjoint(dcolsF, len, c, dplanesF);
                    pc.planesAdjoint(dplanesF, s0, c, grp, dxF.data);
                }
            }
        }
        double[] dk = weight.grad().data(), db = bias == null ? null : bias.grad().data();
        for (int o = 0; o < spec.outChannels(); o++) {
            for (int r = 0; r < rows; r++) dk[o * rows + r] += dkF[o * ldk + r];
            if (db != null) db[o] += dkF[o * ldk + rows];
        }
        return inputGradient ? dxF : null;
    }

    /**
     * y[i] += b for i in [from, to). Written with the loop index as the only array index, the one form
     * that C2 (JDK 17) vectorizes: a loop that reads another array at a different offset
     * ({@code y[d + j] = out[r + j] + b}) stays scalar, about 6× slower, so rows are first moved with
     * {@code System.arraycopy} and the bias is added here.
     */
    static void addInPlace(float[] y, int from, int to, float b) {
        for (int i = from; i < to; i++) y[i] += b;
    }

    /** y[i] = max(y[i] + b, 0) for i in [from, to) ({@link ReLU#forward32}'s map after the bias; vectorized too). */
    static void addReLUInPlace(float[] y, int from, int to, float b) {
        for (int i = from; i < to; i++) y[i] = Math.max(y[i] + b, 0f);
    }

    /** The phase-plane im2col of a geometry, cached with it. */
    private PhaseIm2col phaseColumns(ConvGeometry g) {
        if (phase == null || phase.g != g) {
            phase = new PhaseIm2col(g);
            gWideLen = -1; // its zero columns depend on the layout
        }
        return phase;
    }

    /** Samples per chunk: enough for about {@link #CHUNK_COLUMNS} gemm columns, at least one. */
    private static int chunk(int n, int columns) {
        return Math.max(1, Math.min(n, CHUNK_COLUMNS / Math.max(1, columns)));
    }

    /** The geometry for an input size, with its im2col index table cached across calls of the same size. */
    private ConvGeometry geometry(int h, int w) {
        if (geom == null || geom.inH() != h || geom.inW() != w) {
            geom = ConvGeometry.of(spec, h, w);
            table = Ops.im2colTable(geom);
        }
        return geom;
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

    /** E.g. {@code Conv2d(16 -> 32, 3x3, stride 2, pad 1)}, with dilation, groups, circular padding and no bias when set. */
    @Override public String toString() {
        Conv2dSpec c = spec;
        StringBuilder b = new StringBuilder("Conv2d(").append(c.inChannels()).append(" -> ").append(c.outChannels()).append(", ")
                .append(c.kH()).append('x').append(c.kW());
        b.append(", stride ").append(c.sH() == c.sW() ? Integer.toString(c.sH()) : c.sH() + "x" + c.sW());
        b.append(", pad ").append(c.pH() == c.pW() ? Integer.toString(c.pH()) : c.pH() + "x" + c.pW());
        if (c.dH() != 1 || c.dW() != 1) b.append(", dilation ").append(c.dH()).append('x').append(c.dW());
        if (c.groups() != 1) b.append(", groups ").append(c.groups());
        if (c.mode() != PaddingMode.ZEROS) b.append(", ").append(c.mode().name().toLowerCase(java.util.Locale.ROOT));
        if (!c.bias()) b.append(", no bias");
        return b.append(')').toString();
    }
}
