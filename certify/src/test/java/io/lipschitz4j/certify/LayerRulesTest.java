package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Concat;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.ConvTranspose2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.GlobalAvgPool2d;
import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.MaxPool2d;
import io.lipschitz4j.nn.Multiply;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.Sigmoid;
import io.lipschitz4j.nn.Subtract;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LayerRulesTest {
    static final double LAPACK_REL = GraphBoundTest.LAPACK_REL;
    static final CertifyOptions EXACTISH = CertifyOptions.defaults().withConvTolerance(1e-9).withMergeLinear(false);

    @Test
    void convTransposeIsBoundedByItsAdjointConvNorm() {
        SplittableRandom r = new SplittableRandom(11);
        for (int[] g : new int[][] {{1, 1, 0}, {2, 1, 0}, {2, 1, 1}, {2, 0, 1}}) {
            int s = g[0], p = g[1], op = g[2];
            Conv2dSpec spec = Conv2dSpec.of(3, 2, 3).withStride(s).withPadding(p);
            Tensor k = Tensor.zeros(3, 2, 3, 3);
            for (int i = 0; i < k.size(); i++) k.data()[i] = r.nextDouble() - 0.5;
            ConvTranspose2d t = new ConvTranspose2d(spec, op, op, k, Tensor.zeros(2));
            NetworkBound b = GraphBound.of(t, new int[] {3, 4, 5}, EXACTISH);
            double exact = TestNets.sigmaMax(TestNets.matrixOf(t, 3, 4, 5));
            assertThat(b.value()).as("s=%d p=%d op=%d", s, p, op).isGreaterThanOrEqualTo(exact * (1 - LAPACK_REL))
                    .isLessThanOrEqualTo(exact * 1.6);
            assertThat(b.nodes().get(0).method()).startsWith("adjoint conv");
        }
    }

    @Test
    void globalAvgPoolAndAffineAreExact() {
        GlobalAvgPool2d gap = new GlobalAvgPool2d();
        double exact = TestNets.sigmaMax(TestNets.matrixOf(gap, 2, 3, 5));
        assertThat(GraphBound.of(gap, 2, 3, 5).value()).isGreaterThanOrEqualTo(exact).isLessThanOrEqualTo(exact * (1 + 1e-15));
        ElementwiseAffine e = new ElementwiseAffine(new Tensor(new int[] {2, 1, 1}, new double[] {0.5, -3}), new Tensor(new int[] {1}, new double[] {1}));
        assertThat(GraphBound.of(e, new int[] {2, 2, 2}, EXACTISH).value()).isEqualTo(3.0);
    }

    @Test
    void maxPoolConstantCountsOverlappingWindowsAndHolds() {
        MaxPool2d p = new MaxPool2d(3, 3, 2, 2, 1, 1, 1, 1, false);
        NetworkBound b = GraphBound.of(p, 1, 9, 9);
        assertThat(b.value()).isEqualTo(2.0); // 2 windows per axis share a pixel → √(2·2)
        assertThat(GraphBound.of(new MaxPool2d(2), 1, 8, 8).value()).isEqualTo(1.0);
        SplittableRandom r = new SplittableRandom(12);
        double best = 0;
        for (int t = 0; t < 2000; t++) {
            double[] x = new double[81], y = new double[81];
            for (int i = 0; i < 81; i++) { x[i] = r.nextDouble(); y[i] = x[i] + (r.nextDouble() - 0.5) * 1e-3; }
            best = Math.max(best, quotient(p, new int[] {1, 9, 9}, x, y));
        }
        assertThat(best).isLessThanOrEqualTo(b.value());
        // a worst case: the shared pixel is the max of its 4 windows
        double[] x = new double[81], y = new double[81];
        y[3 * 9 + 3] = 1; // pixel (3, 3) lies in windows 1 and 2 along each axis
        assertThat(quotient(p, new int[] {1, 9, 9}, x, y)).isEqualTo(2.0);
    }

    @Test
    void concatCombinesBranchesByTheL2RuleAndSubtractBySum() {
        SplittableRandom r = new SplittableRandom(13);
        Dense a = new Dense(4, 3, false, r), c = new Dense(4, 5, false, r);
        Graph g = Graph.builder("x").layer("a", a, "x").layer("c", c, "x").merge("cat", new Concat(0), "a", "c").build("cat");
        NetworkBound b = GraphBound.of(g, new int[] {4}, EXACTISH);
        double la = b.node("a").cumulative(), lc = b.node("c").cumulative();
        assertThat(b.value()).isGreaterThanOrEqualTo(Math.sqrt(la * la + lc * lc)).isLessThanOrEqualTo(Math.sqrt(la * la + lc * lc) * (1 + 1e-15));
        assertThat(b.value()).isGreaterThanOrEqualTo(TestNets.sigmaMax(TestNets.matrixOf(g, 4)) * (1 - LAPACK_REL));
        Dense a2 = new Dense(4, 3, false, r), c2 = new Dense(4, 3, false, r);
        Graph d = Graph.builder("x").layer("a", a2, "x").layer("c", c2, "x").merge("diff", new Subtract(), "a", "c").build("diff");
        NetworkBound bd = GraphBound.of(d, new int[] {4}, EXACTISH);
        assertThat(bd.value()).isEqualTo(Math.nextUp(bd.node("a").cumulative() + bd.node("c").cumulative()));
        assertThat(bd.value()).isGreaterThanOrEqualTo(TestNets.sigmaMax(TestNets.matrixOf(d, 4)) * (1 - LAPACK_REL));
    }

    /** Squeeze-excitation style gate: x ⊙ sigmoid(W·gap(x)), a product of two varying values. */
    static Graph gate(SplittableRandom r) {
        Conv2d conv = new Conv2d(Conv2dSpec.of(2, 4, 3).withPadding(1), r);
        Sequential squeeze = Sequential.of(new GlobalAvgPool2d(), new Flatten(), new Dense(4, 4, true, r), new Sigmoid(),
                new io.lipschitz4j.nn.Reshape(4, 1, 1));
        return Graph.builder("x").layer("conv", conv, "x").layer("relu", new ReLU(), "conv").layer("se", squeeze, "relu")
                .merge("gated", new Multiply(), "relu", "se").build("gated");
    }

    @Test
    void productIsUnboundedWithoutABoxAndBoundedOnOne() {
        Graph g = gate(new SplittableRandom(14));
        NetworkBound free = GraphBound.of(g, 2, 6, 6);
        assertThat(free.finite()).isFalse();
        assertThat(free.value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(free.node("gated").unbounded()).isTrue();
        assertThat(free.notes()).anySatisfy(n -> assertThat(n).contains("gated").contains("input box"));

        NetworkBound boxed = GraphBound.of(g, new int[] {2, 6, 6}, CertifyOptions.defaults().withBox(InputBox.uniform(0, 1)));
        assertThat(boxed.finite()).isTrue();
        assertThat(boxed.node("gated").loose()).isTrue();
        SplittableRandom r = new SplittableRandom(15);
        double best = 0;
        for (int t = 0; t < 300; t++) {
            double[] x = new double[72], y = new double[72];
            for (int i = 0; i < 72; i++) { x[i] = r.nextDouble(); y[i] = Math.min(1, Math.max(0, x[i] + (r.nextDouble() - 0.5) * 0.2)); }
            best = Math.max(best, quotient(g, new int[] {2, 6, 6}, x, y));
        }
        assertThat(best).isGreaterThan(0).isLessThanOrEqualTo(boxed.value());
    }

    static double quotient(Layer f, int[] shape, double[] x, double[] y) {
        double[] fx = IntervalPropagation.apply(f, shape, x), fy = IntervalPropagation.apply(f, shape, y);
        double num = 0, den = 0;
        for (int i = 0; i < fx.length; i++) num += (fx[i] - fy[i]) * (fx[i] - fy[i]);
        for (int i = 0; i < x.length; i++) den += (x[i] - y[i]) * (x[i] - y[i]);
        return Math.sqrt(num / den);
    }
}
