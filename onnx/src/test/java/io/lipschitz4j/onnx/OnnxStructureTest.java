package io.lipschitz4j.onnx;

import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.HardSigmoid;
import org.junit.jupiter.api.Test;

import static io.lipschitz4j.onnx.OnnxImportTest.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the exporter patterns become: the imported graphs hold the expected layers, in order. */
class OnnxStructureTest {
    private static OnnxModel model(String name) throws Exception {
        return OnnxModel.load(OnnxImportTest.fixtures().resolve(name));
    }

    private static Graph load(String name) throws Exception { return model(name).graph(); }

    @Test
    void mobileBlockHardSwishFromEveryOpsetAndTheSqueezeExcitationGateStaysAProduct() throws Exception {
        // opset 11/13: x·HardSigmoid(x) fused; opset 17: the HardSwish operator
        for (String f : new String[] {"mobile_op11.onnx", "mobile_op13.onnx", "mobile_op17.onnx"}) {
            assertThat(ops(load(f))).as(f).containsExactly("Conv2d", "ElementwiseAffine", "HardSwish", "Conv2d", "ElementwiseAffine", "HardSwish",
                    "GlobalAvgPool2d", "Conv2d", "ReLU", "Conv2d", "HardSigmoid", "Multiply", "Conv2d", "ElementwiseAffine", "Add");
        }
        Graph g = load("mobile_op11.onnx");
        HardSigmoid gate = (HardSigmoid) g.nodes().get(10).layer();
        assertThat(gate.alpha()).isCloseTo(1.0 / 6, within(1e-7));
        assertThat(g.nodes().get(1).layer().toString()).contains("[8, 1, 1]"); // batch norm per channel
    }

    @Test
    void siluAndHandWrittenHardSwishAreFusedAndConstantArithmeticFolds() throws Exception {
        for (String f : new String[] {"activations_op11.onnx", "activations_op13.onnx", "activations_op17.onnx"}) {
            assertThat(ops(load(f))).as(f).containsExactly("Conv2d", "PReLU", "LeakyReLU", "Sigmoid", "Add", "Tanh", "ElementwiseAffine", "ReLU",
                    "Clip", "Clip", "Flatten", "Dense", "SiLU", "HardSwish", "Dense", "Softmax");
        }
        // MatMul + Add(bias) → Dense with bias; (h − μ)/2·3 → one affine map with scale 1.5
        Graph g = load("matmul_op13.onnx");
        assertThat(ops(g)).containsExactly("Dense", "ElementwiseAffine", "ReLU");
        ElementwiseAffine a = (ElementwiseAffine) g.nodes().get(1).layer();
        assertThat(a.scale().size()).isPositive();
        for (double v : a.scale().data()) assertThat(v).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void batchNormSurvivesOrIsFoldedShapeSubgraphsFoldAndPadIsDropped() throws Exception {
        assertThat(ops(load("cnn_bn_op13.onnx"))).containsExactly("ElementwiseAffine", "Conv2d", "ElementwiseAffine", "ReLU", "MaxPool2d",
                "Conv2d", "ElementwiseAffine", "LeakyReLU", "Flatten", "Dense");
        assertThat(ops(load("cnn_folded_op13.onnx"))).containsExactly("ElementwiseAffine", "Conv2d", "ReLU", "MaxPool2d", "Conv2d", "LeakyReLU", "Flatten", "Dense");
        assertThat(ops(load("view_op11.onnx"))).containsExactly("Conv2d", "ReLU", "Reshape", "Transpose", "Reshape", "Dense");
        assertThat(ops(load("pools_op11.onnx"))).containsExactly("Conv2d", "ReLU", "MaxPool2d", "AvgPool2d", "GlobalAvgPool2d", "Flatten", "Dense");
        assertThat(ops(load("resnet_op13.onnx"))).containsExactly("Conv2d", "ReLU", "Conv2d", "Conv2d", "Add", "ReLU");
        assertThat(ops(load("concat_op13.onnx"))).containsExactly("Conv2d", "ReLU", "Conv2d", "Sigmoid", "Concat", "Conv2d");
        assertThat(ops(load("deconv_op13.onnx"))).containsExactly("ConvTranspose2d", "ReLU", "ConvTranspose2d");
    }

    @Test
    void metadataAndInputShape() throws Exception {
        OnnxModel m = model("cnn_bn_op17.onnx");
        assertThat(m.inputShape()).containsExactly(3, 10, 10);
        assertThat(m.inputName()).isEqualTo("x");
        assertThat(m.outputName()).isEqualTo("y");
        assertThat(m.opsetVersion()).isEqualTo(17);
        assertThat(m.producerName()).isEqualTo("pytorch");
        assertThat(m.inputElemType()).isEqualTo(1);
        assertThat(model("mlp_f64_op13.onnx").inputElemType()).isEqualTo(11);
        assertThat(model("mlp_fixed_batch_op13.onnx").inputShape()).containsExactly(8);
        // the override must agree with the dims the file states
        assertThat(OnnxModel.load(OnnxImportTest.fixtures().resolve("mlp_op13.onnx"), new int[] {8}).inputShape()).containsExactly(8);
    }
}
