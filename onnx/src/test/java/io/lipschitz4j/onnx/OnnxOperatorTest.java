package io.lipschitz4j.onnx;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.onnx.proto.Onnx.AttributeProto;
import io.lipschitz4j.onnx.proto.Onnx.GraphProto;
import io.lipschitz4j.onnx.proto.Onnx.ModelProto;
import io.lipschitz4j.onnx.proto.Onnx.NodeProto;
import io.lipschitz4j.onnx.proto.Onnx.OperatorSetIdProto;
import io.lipschitz4j.onnx.proto.Onnx.TensorProto;
import io.lipschitz4j.onnx.proto.Onnx.TensorShapeProto;
import io.lipschitz4j.onnx.proto.Onnx.TypeProto;
import io.lipschitz4j.onnx.proto.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Operator semantics torch does not export but other producers do (Gemm α, β and transB = 0, auto_pad,
 * Clip and Softmax before opsets 11 and 13, Unsqueeze/Squeeze on activations, typed float_data): small
 * hand-built models, checked against ONNX Runtime.
 */
class OnnxOperatorTest {
    @TempDir
    Path dir;

    private static AttributeProto ints(String n, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) a.addInts(x);
        return a.build();
    }

    private static AttributeProto i(String n, long v) { return AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.INT).setI(v).build(); }

    private static AttributeProto f(String n, double v) { return AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.FLOAT).setF((float) v).build(); }

    private static AttributeProto s(String n, String v) {
        return AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }

    private static NodeProto node(String op, List<String> in, String out, AttributeProto... attrs) {
        return NodeProto.newBuilder().setOpType(op).setName(op + "_" + out).addAllInput(in).addOutput(out).addAllAttribute(List.of(attrs)).build();
    }

    /** A float initializer in float_data (the typed field, not raw_data). */
    private static TensorProto weights(String name, long seed, int... shape) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1;
        for (int d : shape) { t.addDims(d); n *= d; }
        for (int k = 0; k < n; k++) t.addFloatData((float) (r.nextDouble() * 2 - 1));
        return t.build();
    }

    private static TensorProto int64s(String name, long... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(7).addDims(v.length);
        for (long x : v) t.addInt64Data(x);
        return t.build();
    }

    private static ValueInfoProto info(String name, int... sample) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int d : sample) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    private Path model(String name, long opset, int[] sample, List<NodeProto> nodes, List<TensorProto> inits) throws Exception {
        GraphProto g = GraphProto.newBuilder().setName(name).addAllNode(nodes).addAllInitializer(inits).addInput(info("x", sample))
                .addOutput(ValueInfoProto.newBuilder().setName("y")).build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(7).setProducerName("test").addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(g).build();
        Path p = dir.resolve(name + ".onnx");
        Files.write(p, m.toByteArray());
        return p;
    }

    private void assertMatchesOrt(Path p, int... sample) throws Exception {
        OnnxModel m = OnnxModel.load(p);
        Tensor x = Ort.input(p.hashCode(), 3, sample);
        Tensor ref = Ort.run(p, "x", x, false), ours = m.graph().forward(x);
        assertThat(ours.shape()).isEqualTo(ref.shape());
        assertThat(Ort.relError(ours, ref)).as(p.getFileName().toString()).isLessThan(OnnxImportTest.FLOAT32_TOL);
    }

    @Test
    void gemmAlphaBetaWithoutTransposeAndMatMul() throws Exception {
        Path p = model("gemm", 13, new int[] {5}, List.of(
                node("Gemm", List.of("x", "B", "C"), "h", f("alpha", 0.5), f("beta", 2.0)),
                node("MatMul", List.of("h", "W"), "y")),
                List.of(weights("B", 1, 5, 4), weights("C", 2, 1, 4), weights("W", 3, 4, 3)));
        assertMatchesOrt(p, 5);
    }

    @Test
    void autoPadSameAndValidAndAsymmetricRejection() throws Exception {
        Path p = model("same", 13, new int[] {2, 6, 5}, List.of(
                node("Conv", List.of("x", "W", "b"), "h", s("auto_pad", "SAME_UPPER"), ints("kernel_shape", 3, 3)),
                node("MaxPool", List.of("h"), "k", s("auto_pad", "SAME_LOWER"), ints("kernel_shape", 3, 3)),
                node("Conv", List.of("k", "W2"), "y", s("auto_pad", "VALID"), ints("strides", 2, 1))),
                List.of(weights("W", 4, 3, 2, 3, 3), weights("b", 5, 3), weights("W2", 6, 2, 3, 2, 2)));
        assertMatchesOrt(p, 2, 6, 5);
        Path q = model("asym", 13, new int[] {1, 4, 4}, List.of(node("Conv", List.of("x", "W"), "y", s("auto_pad", "SAME_UPPER"))),
                List.of(weights("W", 7, 1, 1, 2, 2)));
        assertThatThrownBy(() -> OnnxModel.load(q)).isInstanceOf(OnnxFormatException.class)
                .hasMessage("asym.onnx: node 'Conv_y' (Conv): not supported: asymmetric padding from auto_pad SAME_UPPER: 0 before, 1 after (symmetric padding only)");
    }

    @Test
    void clipAttributesBeforeOpset11AndSoftmaxAxisBeforeOpset13() throws Exception {
        Path p = model("old", 10, new int[] {6}, List.of(
                node("Clip", List.of("x"), "c", f("min", -0.5), f("max", 0.75)),
                node("Softmax", List.of("c"), "y", i("axis", 1))), List.of());
        assertMatchesOrt(p, 6);
        OnnxModel m = OnnxModel.load(p);
        assertThat(OnnxImportTest.ops(m.graph())).containsExactly("Clip", "Softmax");
        // opset < 13 Softmax over axis 1 of [N, C, K] flattens C and K together: not a last-axis softmax
        Path q = model("softmax3", 11, new int[] {2, 3}, List.of(node("Softmax", List.of("x"), "y")), List.of());
        assertThatThrownBy(() -> OnnxModel.load(q)).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("(Softmax): not supported: Softmax over axis 1 of a rank-3 tensor (only the last axis)");
    }

    @Test
    void unsqueezeSqueezeReshapeOnActivationsAndConstantsFromAttributes() throws Exception {
        Path p = model("squeeze", 13, new int[] {4}, List.of(
                node("Unsqueeze", List.of("x", "ax"), "u"),          // [N, 4, 1]
                node("Constant", List.of(), "k", AttributeProto.newBuilder().setName("value_floats").setType(AttributeProto.AttributeType.FLOATS)
                        .addFloats(2f).build()),
                node("Mul", List.of("u", "k"), "m"),
                node("Squeeze", List.of("m", "ax"), "s"),
                node("Reshape", List.of("s", "shape"), "r"),         // [N, 2, 2]
                node("Transpose", List.of("r"), "t", ints("perm", 0, 2, 1)),
                node("Flatten", List.of("t"), "y")),
                List.of(int64s("ax", 2), int64s("shape", -1, 2, 2)));
        assertMatchesOrt(p, 4);
    }

    @Test
    void float16BitsDecodeExactly() {
        assertThat(DataTypes.halfToDouble(0x3C00)).isEqualTo(1.0);
        assertThat(DataTypes.halfToDouble(0xC000)).isEqualTo(-2.0);
        assertThat(DataTypes.halfToDouble(0x7BFF)).isEqualTo(65504.0);
        assertThat(DataTypes.halfToDouble(0x0001)).isEqualTo(Math.scalb(1.0, -24));
        assertThat(DataTypes.halfToDouble(0x3555)).isCloseTo(1.0 / 3, within(1e-3));
        assertThat(DataTypes.halfToDouble(0x7C00)).isInfinite();
        assertThat(DataTypes.halfToDouble(0x7E00)).isNaN();
        assertThat(DataTypes.bfloat16ToDouble(0x3F80)).isEqualTo(1.0);
        // every finite pattern against the textbook formula (−1)^s · 2^(e−15) · (1 + f/1024), subnormals 2^−14 · f/1024
        for (int b = 0; b < 1 << 16; b++) {
            int sign = b >> 15, e = (b >> 10) & 31, frac = b & 1023;
            if (e == 31) continue;
            double want = (sign == 1 ? -1 : 1) * (e == 0 ? Math.pow(2, -14) * frac / 1024.0 : Math.pow(2, e - 15) * (1 + frac / 1024.0));
            assertThat(DataTypes.halfToDouble(b)).as("bits %04x", b).isEqualTo(want);
        }
    }
}
