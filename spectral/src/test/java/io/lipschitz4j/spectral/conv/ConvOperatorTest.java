package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

class ConvOperatorTest {
    static final double TOL = 1e-12;

    @Test
    void adjointIdentityOverManyRandomGeometries() {
        int i = 0;
        for (Convolution c : Geometries.many(300, 11)) {
            ConvOperator a = new ConvOperator(c);
            double[] x = Gaussian.vector(a.cols(), 100 + i), y = Gaussian.vector(a.rows(), 200 + i);
            double[] ax = new double[a.rows()], aty = new double[a.cols()];
            a.apply(x, ax);
            a.applyTranspose(y, aty);
            double lhs = dot(ax, y), rhs = dot(x, aty);
            double scale = norm(ax) * norm(y) + norm(x) * norm(aty);
            assertThat(Math.abs(lhs - rhs)).as(Geometries.describe(c)).isLessThanOrEqualTo(TOL * scale);
            i++;
        }
    }

    @Test
    void agreesWithNaiveLoops() {
        int i = 0;
        for (Convolution c : Geometries.many(300, 12)) {
            ConvOperator a = new ConvOperator(c);
            double[] x = Gaussian.vector(a.cols(), 300 + i++);
            double[] y = new double[a.rows()];
            a.apply(x, y);
            double[] ref = NaiveConv.apply(c, x);
            assertThat(y.length).isEqualTo(ref.length);
            double s = norm(ref) + 1;
            for (int j = 0; j < y.length; j++) assertThat(y[j]).as(Geometries.describe(c)).isCloseTo(ref[j], within(TOL * s));
        }
    }

    @Test
    void circularStrideIsSubsamplingOfStrideOne() {
        Tensor k = new Tensor(new int[] {2, 3, 3, 3}, Gaussian.vector(54, 5));
        Convolution s2 = new Convolution(k, new int[] {7, 6}, Padding.CIRCULAR, new int[2], new int[] {2, 2}, new int[] {1, 1}, 1);
        Convolution s1 = Convolution.circular(k, 7, 6);
        double[] x = Gaussian.vector(3 * 42, 6);
        double[] y2 = NaiveConv.apply(s2, x), y1 = NaiveConv.apply(s1, x);
        assertThat(s2.outputSize(0)).isEqualTo(4);
        assertThat(s2.outputSize(1)).isEqualTo(3);
        for (int o = 0; o < 2; o++)
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 3; j++)
                    assertThat(y2[(o * 4 + i) * 3 + j]).isCloseTo(y1[(o * 7 + 2 * i) * 6 + 2 * j], within(1e-13));
    }

    @Test
    void absOperatorHasAbsoluteKernel() {
        Convolution c = Geometries.random(3);
        ConvOperator a = new ConvOperator(c).abs();
        for (double v : a.convolution().kernel().data()) assertThat(v).isGreaterThanOrEqualTo(0);
        assertThat(a.tapsPerOutput()).isEqualTo(c.kernel().size() / c.outChannels());
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) { return Math.sqrt(dot(a, a)); }
}
