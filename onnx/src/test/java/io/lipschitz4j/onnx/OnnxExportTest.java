package io.lipschitz4j.onnx;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Add;
import io.lipschitz4j.nn.AvgPool2d;
import io.lipschitz4j.nn.Clip;
import io.lipschitz4j.nn.Concat;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.ConvTranspose2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.GlobalAvgPool2d;
import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.HardSigmoid;
import io.lipschitz4j.nn.HardSwish;
import io.lipschitz4j.nn.Identity;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.LeakyReLU;
import io.lipschitz4j.nn.MaxMin;
import io.lipschitz4j.nn.MaxPool2d;
import io.lipschitz4j.nn.Multiply;
import io.lipschitz4j.nn.PReLU;
import io.lipschitz4j.nn.PaddingMode;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Reshape;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.SiLU;
import io.lipschitz4j.nn.Sigmoid;
import io.lipschitz4j.nn.Softmax;
import io.lipschitz4j.nn.Subtract;
import io.lipschitz4j.nn.Tanh;
import io.lipschitz4j.nn.Transpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Export of nn models: ONNX Runtime computes our forward pass, and importing the file gives it back. ONNX
 * stores activation parameters (LeakyRelu α, HardSigmoid α, β) as float32 attributes, so the models here
 * use slopes that float32 holds exactly and the float64 round trip is checked to 1e-12.
 */
class OnnxExportTest {
    @TempDir
    Path dir;

    private static Tensor gaussian(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = Gaussian.next(r);
        return t;
    }

    static Layer mlp(SplittableRandom r) {
        return Sequential.of(new Dense(6, 10, true, r), new ReLU(), new Dense(10, 8, false, r), new LeakyReLU(0.25),
                new Dense(8, 8, true, r), new Tanh(), new Dense(8, 5, true, r), new SiLU(), new Dense(5, 3, true, r), new Softmax());
    }

    static Layer cnn(SplittableRandom r) {
        Tensor ones = Tensor.zeros(4, 1, 1);
        return Sequential.of(
                new Conv2d(Conv2dSpec.of(2, 4, 3).withPadding(1).withDilation(1), r),
                ElementwiseAffine.batchNorm(gaussian(r, 4, 1, 1), gaussian(r, 4, 1, 1), gaussian(r, 4, 1, 1), ones, 1e-5),
                new HardSwish(),
                new MaxPool2d(3, 3, 2, 2, 1, 1, 1, 1, true),
                new Conv2d(Conv2dSpec.of(4, 4, 3).withPadding(2).withDilation(2).withGroups(2), r),
                new PReLU(new Tensor(new int[] {4}, new double[] {0.1, -0.2, 0.3, 1.5})),
                new AvgPool2d(2),
                new Flatten(), new Dense(16, 6, true, r), new Sigmoid(), new Dense(6, 2, true, r));
    }

    /** A residual block with a squeeze-excitation gate, a concatenation, a difference and upsampling. */
    static Layer graph(SplittableRandom r) {
        return Graph.builder("x")
                .layer("conv", new Conv2d(Conv2dSpec.of(3, 4, 3).withPadding(1), r), "x")
                .layer("act", new Clip(-1, 2), "conv")
                .layer("pool", new GlobalAvgPool2d(), "act")
                .layer("se", new Conv2d(Conv2dSpec.of(4, 4, 1), r), "pool")
                .layer("gate", new HardSigmoid(0.25, 0.5), "se")
                .merge("scaled", new Multiply(), "act", "gate")
                .layer("skip", new Conv2d(Conv2dSpec.of(3, 4, 1), r), "x")
                .merge("sum", new Add(), "scaled", "skip")
                .layer("tanh", new Tanh(), "sum")
                .merge("diff", new Subtract(), "sum", "tanh")
                .merge("cat", new Concat(0), "diff", "act")
                .layer("up", new ConvTranspose2d(Conv2dSpec.of(8, 2, 3).withStride(2).withPadding(1), 1, 1, gaussian(r, 8, 2, 3, 3), gaussian(r, 2)), "cat")
                .layer("id", new Identity(), "up")
                .layer("flat", new Reshape(2, -1), "id")
                .layer("swap", new Transpose(1, 0), "flat")
                .layer("relu", new ReLU(), "swap")
                .build("relu");
    }

    /** {@code ortFloat64}: whether ORT's CPU provider has float64 kernels for all ops (it has none for Conv). */
    private void roundTrip(String name, Layer model, boolean ortFloat64, int... sample) throws Exception {
        Tensor x = Ort.input(name.hashCode(), 3, sample);
        Tensor ours = model.forward(x);
        for (boolean f64 : new boolean[] {false, true}) {
            Path p = dir.resolve(name + (f64 ? "_f64" : "") + ".onnx");
            OnnxExport.write(model, sample, p, f64);
            double tol = f64 ? OnnxImportTest.FLOAT64_TOL : OnnxImportTest.FLOAT32_TOL;
            if (!f64 || ortFloat64) {
                Tensor ort = Ort.run(p, "input", x, f64);
                assertThat(ort.shape()).isEqualTo(ours.shape());
                assertThat(Ort.relError(ort, ours)).as("%s: ORT vs ours", p.getFileName()).isLessThan(tol);
            }
            OnnxModel back = OnnxModel.load(p);
            assertThat(back.inputShape()).isEqualTo(sample);
            assertThat(back.producerName()).isEqualTo("lipschitz4j");
            Tensor again = back.graph().forward(x);
            assertThat(Ort.relError(again, ours)).as("%s: re-imported vs ours", p.getFileName()).isLessThan(tol);
        }
    }

    @Test
    void mlpRoundTrips() throws Exception {
        roundTrip("mlp", mlp(new SplittableRandom(1)), true, 6);
    }

    @Test
    void cnnRoundTrips() throws Exception {
        roundTrip("cnn", cnn(new SplittableRandom(2)), false, 2, 8, 8);
    }

    @Test
    void graphRoundTripsAndKeepsItsStructure() throws Exception {
        Layer g = graph(new SplittableRandom(3));
        roundTrip("graph", g, false, 3, 5, 5);
        Graph back = OnnxModel.load(dir.resolve("graph_f64.onnx")).graph();
        assertThat(OnnxImportTest.ops(back)).containsExactly("Conv2d", "Clip", "GlobalAvgPool2d", "Conv2d", "HardSigmoid", "Multiply", "Conv2d",
                "Add", "Tanh", "Subtract", "Concat", "ConvTranspose2d", "Reshape", "Transpose", "ReLU"); // Identity imports as an alias
        assertThat(back.parameters().stream().map(p -> p.name()).toList()).contains("conv.weight", "conv.bias", "up.weight");
    }

    @Test
    void layersWithoutOnnxOperatorsAreRejectedByName() {
        SplittableRandom r = new SplittableRandom(4);
        Layer circ = Sequential.of(new Conv2d(Conv2dSpec.of(1, 2, 3).withPadding(1).withMode(PaddingMode.CIRCULAR), r));
        assertThatThrownBy(() -> OnnxExport.write(circ, new int[] {1, 4, 4}, dir.resolve("c.onnx")))
                .isInstanceOf(OnnxExportException.class).hasMessageContaining("layer '0' Conv2d(").hasMessageContaining("zeros only, this layer pads circular");
        Layer mm = Sequential.of(new Dense(4, 4, true, r), new MaxMin());
        assertThatThrownBy(() -> OnnxExport.write(mm, new int[] {4}, dir.resolve("m.onnx")))
                .isInstanceOf(OnnxExportException.class).hasMessageContaining("layer '1' MaxMin");
        assertThat(dir.resolve("m.onnx")).doesNotExist();
    }
}
