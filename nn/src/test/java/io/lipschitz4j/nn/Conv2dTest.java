package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.lipschitz4j.nn.GradCheck.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Conv2d against a direct seven-loop reference, and its backward against finite differences, over many geometries. */
class Conv2dTest {

    record Case(String name, Conv2dSpec spec, int h, int w) {
        @Override public String toString() { return name; }
    }

    static Stream<Case> geometries() {
        return Stream.of(
                new Case("plain 3x3", Conv2dSpec.of(2, 3, 3), 5, 6),
                new Case("same padding", Conv2dSpec.of(2, 3, 3).withPadding(1), 5, 4),
                new Case("stride 2 pad 1", Conv2dSpec.of(3, 4, 3).withStride(2).withPadding(1), 7, 6),
                new Case("stride (2,1) kernel 2x3", Conv2dSpec.of(2, 2, 1).withKernel(2, 3).withStride(2, 1).withPadding(1, 0), 6, 5),
                new Case("dilation 2", Conv2dSpec.of(2, 3, 3).withDilation(2).withPadding(2), 6, 7),
                new Case("groups 2", Conv2dSpec.of(4, 6, 3).withGroups(2).withPadding(1), 5, 5),
                new Case("depthwise", Conv2dSpec.of(3, 3, 3).withGroups(3).withPadding(1).withStride(2), 6, 5),
                new Case("no bias 1x1", Conv2dSpec.of(3, 2, 1).withBias(false), 4, 3),
                new Case("circular pad 1", Conv2dSpec.of(2, 3, 3).withPadding(1).withMode(PaddingMode.CIRCULAR), 5, 4),
                new Case("circular stride 2 dilation 2", Conv2dSpec.of(2, 2, 3).withPadding(2).withStride(2).withDilation(2).withMode(PaddingMode.CIRCULAR), 6, 7),
                new Case("circular groups, pad > size", Conv2dSpec.of(2, 4, 3).withGroups(2).withPadding(3).withMode(PaddingMode.CIRCULAR), 2, 3));
    }

    /** Direct definition: y[n,o,i,j] = b[o] + Σ K[o,c,a,β]·x[n, g·C/g + c, i·sH + a·dH − pH, j·sW + β·dW − pW]. */
    static Tensor reference(Conv2dSpec s, Tensor k, Tensor b, Tensor x) {
        int n = x.dim(0), h = x.dim(2), w = x.dim(3);
        int oh = Conv2dSpec.outSize(h, s.kH(), s.sH(), s.pH(), s.dH()), ow = Conv2dSpec.outSize(w, s.kW(), s.sW(), s.pW(), s.dW());
        int cg = s.inChannels() / s.groups(), og = s.outChannels() / s.groups();
        Tensor y = Tensor.zeros(n, s.outChannels(), oh, ow);
        for (int m = 0; m < n; m++) for (int o = 0; o < s.outChannels(); o++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
            double sum = b == null ? 0 : b.get(o);
            for (int c = 0; c < cg; c++) for (int a = 0; a < s.kH(); a++) for (int be = 0; be < s.kW(); be++) {
                int ih = i * s.sH() + a * s.dH() - s.pH(), iw = j * s.sW() + be * s.dW() - s.pW();
                if (s.mode() == PaddingMode.CIRCULAR) {
                    ih = Math.floorMod(ih, h);
                    iw = Math.floorMod(iw, w);
                } else if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                sum += k.get(o, c, a, be) * x.get(m, (o / og) * cg + c, ih, iw);
            }
            y.data()[y.index(m, o, i, j)] = sum;
        }
        return y;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void forwardMatchesDirectDefinition(Case c) {
        Conv2d conv = new Conv2d(c.spec(), new SplittableRandom(11));
        Tensor x = gaussian(12, 2, c.spec().inChannels(), c.h(), c.w());
        Tensor y = conv.forward(x);
        Tensor r = reference(c.spec(), conv.weight(), conv.bias(), x);
        assertThat(y.shape()).containsExactly(r.shape());
        assertThat(conv.outputShape(c.spec().inChannels(), c.h(), c.w())).containsExactly(r.dim(1), r.dim(2), r.dim(3));
        for (int i = 0; i < y.size(); i++) assertThat(y.data()[i]).isCloseTo(r.data()[i], within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void gradientsMatchFiniteDifferences(Case c) {
        Conv2d conv = new Conv2d(c.spec(), new SplittableRandom(21));
        GradCheck.assertGradients(conv, gaussian(22, 2, c.spec().inChannels(), c.h(), c.w()), 23);
    }

    @Test
    void knownValuesOfASmallConvolution() {
        // 1 channel, x = 1..9 as 3x3, kernel [[1,0],[0,-1]]: y[i,j] = x[i,j] - x[i+1,j+1] = -4 everywhere.
        Tensor x = new Tensor(new int[] {1, 1, 3, 3}, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Tensor k = new Tensor(new int[] {1, 1, 2, 2}, new double[] {1, 0, 0, -1});
        Tensor y = new Conv2d(Conv2dSpec.of(1, 1, 2).withBias(false), k, null).forward(x);
        assertThat(y.data()).containsExactly(-4, -4, -4, -4);
        // circular, pad 1, stride 1, 3x3 input: output 4x4; y[0,0] = x[-1,-1] - x[0,0] = 9 - 1
        Tensor yc = new Conv2d(Conv2dSpec.of(1, 1, 2).withBias(false).withPadding(1).withMode(PaddingMode.CIRCULAR), k, null).forward(x);
        assertThat(yc.shape()).containsExactly(1, 1, 4, 4);
        assertThat(yc.get(0, 0, 0, 0)).isEqualTo(8);
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> Conv2dSpec.of(3, 4, 3).withGroups(2)).hasMessageContaining("not divisible by groups 2");
        Conv2d conv = new Conv2d(Conv2dSpec.of(2, 2, 5), new SplittableRandom(1));
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(1, 3, 8, 8))).hasMessageContaining("expected [N, 2, *, *]");
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(1, 2, 3, 8))).hasMessageContaining("kernel extent 5 exceeds padded input 3");
    }
}
