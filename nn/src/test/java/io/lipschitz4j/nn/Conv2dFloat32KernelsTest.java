package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.lipschitz4j.nn.GradCheck.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The float32 Conv2d kernels that replace a general path, against that path: the {@link ShortGemm}
 * forward (columns of at most {@link Conv2d#shortGemmMaxK} rows) against sgemm, the first layer's
 * parameter gradient from unwidened columns ({@link Conv2d#narrowParameterGradient}) against the widened
 * path and float64, and the ReLU fused into
 * the output pass ({@link ReLUFusable}) against Conv2d then ReLU, forward and backward, in a
 * {@link Sequential} and alone, over strides, padding, odd sizes, groups, circular padding and batch 1.
 * The float64 reference and finite differences cover the general path in {@link Float32PathTest} and
 * {@link Conv2dTest}.
 */
class Conv2dFloat32KernelsTest {

    static final Conv2dSpec[] ONE_CHANNEL_PER_GROUP = {
        Conv2dSpec.of(1, 16, 3).withPadding(1),                              // the first layer
        Conv2dSpec.of(1, 3, 3).withStride(2).withPadding(1),
        Conv2dSpec.of(1, 2, 3).withKernel(2, 3).withStride(2, 1).withPadding(0, 1),
        Conv2dSpec.of(1, 3, 3).withDilation(2).withPadding(2),
        Conv2dSpec.of(3, 6, 3).withGroups(3).withPadding(1).withStride(2),  // depthwise, 2 outputs per group
        Conv2dSpec.of(1, 2, 1).withBias(false),                              // k = 1
        Conv2dSpec.of(1, 3, 3).withPadding(1).withMode(PaddingMode.CIRCULAR),
        Conv2dSpec.of(1, 4, 2).withPadding(1).withStride(3),                  // k = 4, a pass of three and one
    };

    /** Output, input gradient and parameter gradients of one float32 forward/backward with shortGemmMaxK = maxK. */
    static double[][] run(Conv2d conv, Tensor x, Tensor g, int maxK) {
        int old = Conv2d.shortGemmMaxK;
        Conv2d.shortGemmMaxK = maxK;
        try {
            return Float32PathTest.run(conv, x, g, Precision.FLOAT32, true);
        } finally {
            Conv2d.shortGemmMaxK = old;
        }
    }

    @Test
    void shortGemmForwardAgreesWithSgemmAndLeavesTheBackwardAlone() {
        assumeThat(ShortGemm.AVAILABLE).as("the JIT has FMA").isTrue();
        int i = 0;
        for (Conv2dSpec s : ONE_CHANNEL_PER_GROUP) {
            assertThat(s.inChannels() / s.groups() * s.kH() * s.kW()).isLessThanOrEqualTo(ShortGemm.MAX_K);
            for (int[] nhw : new int[][] {{1, 7, 6}, {5, 9, 9}, {3, 28, 28}}) {
                Conv2d conv = new Conv2d(s, new SplittableRandom(i));
                Tensor x = gaussian(10 + i, nhw[0], s.inChannels(), nhw[1], nhw[2]);
                Tensor g = gaussian(20 + i, conv.forward(x).shape());
                double[][] viaSgemm = run(conv, x, g, 0), viaShort = run(conv, x, g, ShortGemm.MAX_K);
                double scale = 0, err = 0;
                for (int j = 0; j < viaSgemm[0].length; j++) {
                    scale = Math.max(scale, Math.abs(viaSgemm[0][j]));
                    err = Math.max(err, Math.abs(viaSgemm[0][j] - viaShort[0][j]));
                }
                assertThat(err).as("%s %s: forward", s, java.util.Arrays.toString(nhw)).isLessThanOrEqualTo(1e-6 * scale);
                // the backward does not use the forward's product: identical gradients
                for (int k = 1; k < viaSgemm.length; k++) {
                    assertThat(viaShort[k]).as("%s %s: gradient %d", s, java.util.Arrays.toString(nhw), k).containsExactly(viaSgemm[k]);
                }
                i++;
            }
        }
    }

    @Test
    void shortGemmForwardMatchesTheFloat64Path() {
        assumeThat(ShortGemm.AVAILABLE).as("the JIT has FMA").isTrue();
        int i = 0;
        for (Conv2dSpec s : ONE_CHANNEL_PER_GROUP) {
            Conv2d conv = new Conv2d(s, new SplittableRandom(100 + i));
            Tensor x = gaussian(30 + i, 2, s.inChannels(), 8, 7);
            Tensor g = gaussian(40 + i, conv.forward(x).shape());
            double[][] d = Float32PathTest.run(conv, x, g, Precision.FLOAT64, true), f = run(conv, x, g, ShortGemm.MAX_K);
            double scale = 0, err = 0;
            for (int j = 0; j < d[0].length; j++) {
                scale = Math.max(scale, Math.abs(d[0][j]));
                err = Math.max(err, Math.abs(d[0][j] - f[0][j]));
            }
            assertThat(err).as("%s", s).isLessThan(Float32PathTest.FLOAT_TOL * scale).isGreaterThan(0);
            i++;
        }
    }

    /**
     * The parameter gradient of a first layer (no input gradient, one group, one sample per chunk,
     * fewer column rows than outputs) from unwidened columns equals the widened path's and the float64
     * path's to float rounding.
     */
    @Test
    void narrowParameterGradientAgreesWithTheWidenedOneAndFloat64() {
        Conv2dSpec[] firstLayers = {
            Conv2dSpec.of(1, 16, 3).withPadding(1),                              // the issue's, 28×28
            Conv2dSpec.of(1, 16, 3).withStride(2).withPadding(1),
            Conv2dSpec.of(2, 32, 3).withPadding(1).withBias(false),               // 18 rows < 32 outputs
            Conv2dSpec.of(1, 12, 3).withKernel(2, 3).withStride(2, 1).withDilation(2).withPadding(1, 2),
        };
        int i = 0;
        for (Conv2dSpec s : firstLayers) {
            for (int[] nhw : new int[][] {{1, 28, 28}, {4, 29, 27}}) {
                Conv2d conv = new Conv2d(s, new SplittableRandom(200 + i));
                Tensor x = gaussian(70 + i, nhw[0], s.inChannels(), nhw[1], nhw[2]);
                Tensor g = gaussian(80 + i, conv.forward(x).shape());
                double[][] narrow = Float32PathTest.run(conv, x, g, Precision.FLOAT32, false), wide, exact;
                Conv2d.narrowParameterGradient = false;
                try {
                    wide = Float32PathTest.run(conv, x, g, Precision.FLOAT32, false);
                } finally {
                    Conv2d.narrowParameterGradient = true;
                }
                exact = Float32PathTest.run(conv, x, g, Precision.FLOAT64, false);
                for (int k = 2; k < narrow.length; k++) {
                    double scale = 0, errWide = 0, errExact = 0;
                    for (int j = 0; j < narrow[k].length; j++) {
                        scale = Math.max(scale, Math.abs(exact[k][j]));
                        errWide = Math.max(errWide, Math.abs(narrow[k][j] - wide[k][j]));
                        errExact = Math.max(errExact, Math.abs(narrow[k][j] - exact[k][j]));
                    }
                    assertThat(errWide).as("%s %s: gradient %d vs widened", s, java.util.Arrays.toString(nhw), k).isLessThanOrEqualTo(1e-5 * scale);
                    assertThat(errExact).as("%s %s: gradient %d vs float64", s, java.util.Arrays.toString(nhw), k).isLessThan(Float32PathTest.FLOAT_TOL * scale);
                }
                i++;
            }
        }
    }

    /** A Conv2d seen only as a FloatLayer, so that Sequential cannot fuse the ReLU after it. */
    static final class Opaque implements FloatLayer {
        final Conv2d conv;

        Opaque(Conv2d conv) { this.conv = conv; }

        @Override public FloatTensor forward32(FloatTensor x) { return conv.forward32(x); }
        @Override public FloatTensor backward32(FloatTensor g, boolean inputGradient) { return conv.backward32(g, inputGradient); }
        @Override public Tensor forward(Tensor x) { return conv.forward(x); }
        @Override public Tensor backward(Tensor g) { return conv.backward(g); }
        @Override public void backwardParameters(Tensor g) { conv.backwardParameters(g); }
        @Override public int[] outputShape(int... in) { return conv.outputShape(in); }
        @Override public java.util.List<Parameter> parameters() { return conv.parameters(); }
    }

    static Sequential cnn(Conv2dSpec first, Conv2dSpec second, int h, int w, long seed, boolean fusable) {
        SplittableRandom r = new SplittableRandom(seed);
        Conv2d a = new Conv2d(first, r), b = new Conv2d(second, r);
        int[] s1 = a.outputShape(first.inChannels(), h, w), s2 = b.outputShape(s1);
        Dense d = new Dense(s2[0] * s2[1] * s2[2], 3, true, r);
        return fusable ? Sequential.of(a, new ReLU(), b, new ReLU(), new Flatten(), d)
                : Sequential.of(new Opaque(a), new ReLU(), new Opaque(b), new ReLU(), new Flatten(), d);
    }

    @Test
    void fusedReLUGivesBitForBitTheResultsOfConvThenReLU() {
        Conv2dSpec[][] pairs = {
            {Conv2dSpec.of(1, 4, 3).withPadding(1), Conv2dSpec.of(4, 5, 3).withStride(2).withPadding(1)},
            {Conv2dSpec.of(2, 3, 3).withStride(2).withPadding(1), Conv2dSpec.of(3, 4, 3).withStride(2).withPadding(1).withBias(false)},
            {Conv2dSpec.of(2, 4, 3).withGroups(2).withPadding(1).withMode(PaddingMode.CIRCULAR), Conv2dSpec.of(4, 2, 1)},
        };
        int i = 0;
        for (Conv2dSpec[] p : pairs) {
            for (int[] nhw : new int[][] {{1, 9, 7}, {6, 11, 11}}) {
                Sequential fused = cnn(p[0], p[1], nhw[1], nhw[2], i, true), apart = cnn(p[0], p[1], nhw[1], nhw[2], i, false);
                Tensor x = gaussian(50 + i, nhw[0], p[0].inChannels(), nhw[1], nhw[2]);
                Tensor g = gaussian(60 + i, nhw[0], 3);
                for (boolean inputGradient : new boolean[] {true, false}) {
                    double[][] a = Float32PathTest.run(fused, x, g, Precision.FLOAT32, inputGradient);
                    double[][] b = Float32PathTest.run(apart, x, g, Precision.FLOAT32, inputGradient);
                    for (int k = 0; k < a.length; k++) assertThat(a[k]).as("pair %d %s: result %d", i, java.util.Arrays.toString(nhw), k).containsExactly(b[k]);
                }
                i++;
            }
        }
    }

    @Test
    void forward32ThenReLUIsMaxOfTheOutputWithNaNKept() {
        Conv2d conv = new Conv2d(Conv2dSpec.of(1, 3, 3).withPadding(1), new SplittableRandom(7));
        float[] x = new float[2 * 5 * 5];
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < x.length; i++) x[i] = (float) (2 * r.nextDouble() - 1);
        x[12] = Float.NaN; // poisons the outputs whose window holds it
        FloatTensor in = new FloatTensor(new int[] {2, 1, 5, 5}, x);
        float[] plain = conv.forward32(in).data.clone();
        FloatTensor fused = conv.forward32ThenReLU(in);
        int nan = 0, zero = 0;
        for (int i = 0; i < fused.size; i++) {
            assertThat(Float.floatToRawIntBits(fused.data[i])).isEqualTo(Float.floatToRawIntBits(Math.max(plain[i], 0f)));
            if (Float.isNaN(fused.data[i])) nan++;
            if (fused.data[i] == 0f) zero++;
        }
        assertThat(nan).isEqualTo(3 * 9);
        assertThat(zero).isPositive();
    }
}
