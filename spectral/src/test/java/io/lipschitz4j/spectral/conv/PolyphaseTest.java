package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolyphaseTest {

    /** Random circular strided geometry with s | n. */
    static Convolution stridedCircular(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int sd = 1 + r.nextInt(2), groups = 1 + r.nextInt(2);
        int[] shape = new int[2 + sd], n = new int[sd], s = new int[sd], d = new int[sd];
        shape[0] = groups * (1 + r.nextInt(3));
        shape[1] = 1 + r.nextInt(2);
        for (int a = 0; a < sd; a++) {
            shape[2 + a] = Geometries.KS[r.nextInt(4)];
            s[a] = 1 + r.nextInt(3);
            n[a] = s[a] * (1 + r.nextInt(4));
            d[a] = 1 + r.nextInt(2);
        }
        return new Convolution(new Tensor(shape, Gaussian.vector((int) Tensor.sizeOf(shape), seed)), n, Padding.CIRCULAR,
                new int[sd], s, d, groups);
    }

    @Test
    void phaseLayerReproducesTheStridedLayer() {
        for (int i = 0; i < 300; i++) {
            Convolution c = stridedCircular(1000 + i);
            Convolution p = Polyphase.transform(c);
            assertThat(p.unitStride()).isTrue();
            ConvOperator a = new ConvOperator(c), b = new ConvOperator(p);
            assertThat(b.rows()).isEqualTo(a.rows());
            assertThat(b.cols()).isEqualTo(a.cols());
            double[] x = Gaussian.vector(a.cols(), i), y1 = new double[a.rows()], y2 = new double[a.rows()];
            a.apply(x, y1);
            b.apply(Polyphase.permuteInput(c, x), y2);
            for (int j = 0; j < y1.length; j++) assertThat(y2[j]).as(Geometries.describe(c)).isCloseTo(y1[j], within(1e-12));
            if (i % 10 == 0) assertThat(Exact.sigmaMax(p)).isCloseTo(Exact.sigmaMax(c), within(1e-10 * (1 + Exact.sigmaMax(c))));
        }
    }

    @Test
    void phaseKernelShapeIsCeilKOverS() {
        Tensor k = new Tensor(new int[] {2, 3, 4, 4}, Gaussian.vector(96, 1));
        Convolution c = new Convolution(k, new int[] {8, 8}, Padding.CIRCULAR, new int[2], new int[] {2, 2}, new int[] {1, 1}, 1);
        assertThat(Polyphase.transform(c).kernel().shape()).containsExactly(2, 12, 2, 2);
        assertThat(Polyphase.exact(c)).isTrue();
    }

    @Test
    void stridedBoundsHoldAndPolyphaseIsTighter() {
        int tighter = 0;
        for (Convolution c : ConvBoundsTest.CASES) {
            if (c.unitStride()) continue;
            double exact = Exact.sigmaMax(c);
            Bound sg = Strides.bound(c, x -> ConvBounds.spatialGram(x, 3));
            Bound sf = Strides.bound(c, ConvBounds::singlaFeizi);
            Bound pi = Strides.bound(c, x -> ConvBounds.powerIteration(x, 1, 1e-12, 2000));
            for (Bound b : new Bound[] {sg, sf}) {
                assertThat(b.kind()).isIn(BoundKind.UPPER, BoundKind.ESTIMATE);
                if (b.kind() == BoundKind.UPPER) assertThat(ConvBoundsTest.upperHolds(b, exact)).as(Geometries.describe(c) + b).isTrue();
            }
            if (pi.kind() == BoundKind.LOWER) assertThat(ConvBoundsTest.lowerHolds(pi, exact)).as(Geometries.describe(c)).isTrue();
            if (Polyphase.applies(c) && sg.value() < ConvBounds.spatialGram(c, 3).value()) tighter++;
        }
        assertThat(tighter).isGreaterThan(0);
    }
}
