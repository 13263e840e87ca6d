package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.lipschitz4j.nn.GradCheck.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

/** Sequential, Graph and Add: whole networks checked by finite differences, names, shapes, misuse. */
class ContainerTest {

    @Test
    void mlpGradients() {
        SplittableRandom r = new SplittableRandom(1);
        Sequential mlp = Sequential.of(new Flatten(), new Dense(12, 8, true, r), new Tanh(), new Dense(8, 6, true, r),
                new MaxMin(), new Dense(6, 4, true, r), new GroupSort(2), new Dense(4, 3, true, r));
        GradCheck.assertGradients(mlp, gaussian(2, 5, 3, 2, 2), 3);
    }

    @Test
    void cnnGradients() {
        SplittableRandom r = new SplittableRandom(4);
        Sequential cnn = Sequential.of(
                new Conv2d(Conv2dSpec.of(1, 4, 3).withPadding(1), r), new LeakyReLU(0.1),
                new Conv2d(Conv2dSpec.of(4, 4, 3).withStride(2).withPadding(1).withMode(PaddingMode.CIRCULAR), r), new MaxMin(),
                new AvgPool2d(2), new Flatten(), new Dense(4 * 2 * 2, 3, true, r));
        assertThat(cnn.outputShape(1, 8, 8)).containsExactly(3);
        GradCheck.assertGradients(cnn, gaussian(5, 2, 1, 8, 8), 6);
    }

    @Test
    void residualBlockInAGraph() {
        SplittableRandom r = new SplittableRandom(7);
        Graph block = Graph.builder("x")
                .layer("conv1", new Conv2d(Conv2dSpec.of(2, 2, 3).withPadding(1), r), "x")
                .layer("act", new Tanh(), "conv1")
                .layer("conv2", new Conv2d(Conv2dSpec.of(2, 2, 3).withPadding(1).withMode(PaddingMode.CIRCULAR), r), "act")
                .merge("sum", new Add(), "conv2", "x")
                .build("sum");
        assertThat(block.parameters()).extracting(Parameter::name)
                .containsExactly("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias");
        assertThat(block.outputShape(2, 4, 5)).containsExactly(2, 4, 5);
        Tensor x = gaussian(8, 2, 2, 4, 5);
        GradCheck.assertGradients(block, x, 9);
        Sequential net = Sequential.of(block, new Flatten(), new Dense(40, 2, true, r));
        assertThat(net.parameters()).extracting(Parameter::name).startsWith("0.conv1.weight").endsWith("2.bias");
        GradCheck.assertGradients(net, x, 10);
    }

    @Test
    void fanOutAndThreeWayAddSumGradients() {
        SplittableRandom r = new SplittableRandom(11);
        // y = d2(tanh(d1 x)) + tanh(d1 x) + x: the value "t" feeds two nodes, "x" feeds two
        Graph g = Graph.builder("x")
                .layer("d1", new Dense(5, 5, true, r), "x")
                .layer("t", new Tanh(), "d1")
                .layer("d2", new Dense(5, 5, false, r), "t")
                .layer("unused", new Dense(5, 1, true, r), "x")
                .merge("sum", new Add(), "d2", "t", "x")
                .build("sum");
        Tensor x = gaussian(12, 3, 5);
        GradCheck.assertGradients(g, x, 13);
        // forward value equals the formula
        Tensor y = g.forward(x);
        assertThat(g.inputName()).isEqualTo("x");
        assertThat(g.outputName()).isEqualTo("sum");
        assertThat(g.nodes()).extracting(Graph.NodeView::name).containsExactly("d1", "t", "d2", "unused", "sum");
        assertThat(g.nodes().get(4).inputs()).containsExactly("d2", "t", "x");
        assertThat(g.nodes().get(4).merge()).isInstanceOf(Add.class);
        assertThat(g.nodes().get(1).layer()).isInstanceOf(Tanh.class);
        Graph solo = Graph.builder("x").merge("id", new Add(), "x", "x").build("id");
        assertThat(solo.forward(x).data()[4]).isCloseTo(2 * x.data()[4], within(1e-15));
        assertThat(y.shape()).containsExactly(3, 5);
    }

    @Test
    void misuseIsRejected() {
        ReLU relu = new ReLU();
        assertThatThrownBy(() -> Sequential.of(relu, relu)).hasMessageContaining("same instance");
        assertThatThrownBy(() -> Graph.builder("x").layer("a", relu, "x").layer("b", relu, "a")).hasMessageContaining("reuses");
        assertThatThrownBy(() -> Graph.builder("x").layer("a", new ReLU(), "y")).hasMessageContaining("unknown input 'y'");
        assertThatThrownBy(() -> Graph.builder("x").layer("a", new ReLU(), "x").layer("a", new Tanh(), "x")).hasMessageContaining("duplicate");
        Throwable t = catchThrowable(() -> new Add().forward(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4))));
        assertThat(t).hasMessageContaining("input 1 has shape");
    }

    /** The checker itself notices a wrong backward (a layer whose backward is off by 1%). */
    @Test
    void gradCheckCatchesAWrongBackward() {
        Layer wrong = new Layer() {
            final Tanh t = new Tanh();
            @Override public Tensor forward(Tensor x) { return t.forward(x); }
            @Override public Tensor backward(Tensor g) {
                Tensor d = t.backward(g);
                d.data()[0] *= 1.01;
                return d;
            }
            @Override public int[] outputShape(int... in) { return in; }
        };
        assertThat(catchThrowable(() -> GradCheck.check(wrong, gaussian(1, 2, 3), 2))).isInstanceOf(AssertionError.class);
    }
}
