package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.lipschitz4j.nn.GradCheck.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The float32 Conv2d kernels that replace a general path, against that path: the {@link ShortGemm}
 * forward (columns of at most {@link Conv2d#shortGemmMaxK} rows) against sgemm, over strides, padding,
 * odd sizes, groups, circular padding and batch 1.
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
}
