package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.lipschitz4j.nn.GradCheck.gaussian;
import static org.assertj.core.api.Assertions.assertThat;

/** The float32 path of Dense and Conv2d agrees with float64 to float tolerance (forward, input and parameter gradients). */
class PrecisionTest {
    static final double FLOAT_TOL = 1e-4;

    static double[][] run(Layer l, Tensor x, Tensor g) {
        l.zeroGradInPlace();
        Tensor y = l.forward(x);
        Tensor dx = l.backward(g);
        List<Parameter> ps = l.parameters();
        double[][] out = new double[2 + ps.size()][];
        out[0] = y.data().clone();
        out[1] = dx.data().clone();
        for (int i = 0; i < ps.size(); i++) out[2 + i] = ps.get(i).grad().data().clone();
        return out;
    }

    static void compare(Layer l, Tensor x) {
        Tensor g = gaussian(5, l.forward(x).shape());
        double[][] d = run(l, x, g);
        Precision old = Precision.set(Precision.FLOAT32);
        double[][] f;
        try {
            f = run(l, x, g);
        } finally {
            Precision.set(old);
        }
        for (int k = 0; k < d.length; k++) {
            double scale = 1e-30, err = 0;
            for (int i = 0; i < d[k].length; i++) {
                scale = Math.max(scale, Math.abs(d[k][i]));
                err = Math.max(err, Math.abs(d[k][i] - f[k][i]));
            }
            assertThat(err / scale).as("output %d of %s", k, l).isLessThan(FLOAT_TOL);
            if (k < 3) assertThat(err).as("output %d of %s is computed in float32", k, l).isGreaterThan(0); // bias sums stay float64
        }
    }

    @Test
    void denseFloat32MatchesFloat64() {
        compare(new Dense(37, 11, true, new SplittableRandom(1)), gaussian(2, 9, 37));
    }

    @Test
    void convFloat32MatchesFloat64() {
        compare(new Conv2d(Conv2dSpec.of(4, 6, 3).withGroups(2).withPadding(1).withStride(2), new SplittableRandom(3)), gaussian(4, 3, 4, 7, 6));
        compare(new Conv2d(Conv2dSpec.of(2, 3, 3).withPadding(1).withMode(PaddingMode.CIRCULAR), new SplittableRandom(3)), gaussian(4, 2, 2, 5, 5));
    }

    @Test
    void namesParse() {
        assertThat(Precision.byName("fp32")).isEqualTo(Precision.FLOAT32);
        assertThat(Precision.byName("double")).isEqualTo(Precision.FLOAT64);
    }
}
