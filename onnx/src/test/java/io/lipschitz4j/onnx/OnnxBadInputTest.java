package io.lipschitz4j.onnx;

import io.lipschitz4j.onnx.proto.Onnx.GraphProto;
import io.lipschitz4j.onnx.proto.Onnx.ModelProto;
import io.lipschitz4j.onnx.proto.Onnx.NodeProto;
import io.lipschitz4j.onnx.proto.Onnx.StringStringEntryProto;
import io.lipschitz4j.onnx.proto.Onnx.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Broken and unsupported files give one clear {@link OnnxFormatException}; fuzzed files never anything else. */
class OnnxBadInputTest {
    @TempDir
    Path dir;

    private static ModelProto proto(String name) throws IOException {
        return ModelProto.parseFrom(Files.readAllBytes(OnnxImportTest.fixtures().resolve(name)));
    }

    private Path write(String name, ModelProto m) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, m.toByteArray());
        return p;
    }

    private Path write(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test
    void truncatedRandomAndEmptyFilesAreNotOnnxModels() throws Exception {
        byte[] ok = Files.readAllBytes(OnnxImportTest.fixtures().resolve("cnn_bn_op13.onnx"));
        Path cut = write("cut.onnx", java.util.Arrays.copyOf(ok, ok.length / 2));
        assertThatThrownBy(() -> OnnxModel.load(cut)).isInstanceOf(OnnxFormatException.class).hasMessageStartingWith("cut.onnx: not an ONNX model");
        byte[] noise = new byte[4096];
        new SplittableRandom(1).nextBytes(noise);
        Path rnd = write("noise.onnx", noise);
        assertThatThrownBy(() -> OnnxModel.load(rnd)).isInstanceOf(OnnxFormatException.class).hasMessageStartingWith("noise.onnx: not an ONNX model");
        Path empty = write("empty.onnx", new byte[0]);
        assertThatThrownBy(() -> OnnxModel.load(empty)).isInstanceOf(OnnxFormatException.class).hasMessageContaining("not an ONNX model (no graph)");
        Path text = write("model.txt", "{\"layers\": []}".getBytes());
        assertThatThrownBy(() -> OnnxModel.load(text)).isInstanceOf(OnnxFormatException.class).hasMessageContaining("not an ONNX model");
        assertThatThrownBy(() -> OnnxModel.load(dir.resolve("absent.onnx"))).isInstanceOf(OnnxFormatException.class).hasMessageContaining("no such file");
    }

    @Test
    void missingInitializerNamesTheNodeAndInput() throws Exception {
        ModelProto m = proto("mlp_op13.onnx");
        GraphProto.Builder g = m.getGraph().toBuilder();
        String gone = g.getInitializer(0).getName();
        g.removeInitializer(0);
        Path p = write("missing.onnx", m.toBuilder().setGraph(g).build());
        assertThatThrownBy(() -> OnnxModel.load(p)).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("missing.onnx: node '").hasMessageContaining("(Gemm)").hasMessageContaining("input '" + gone + "'")
                .hasMessageContaining("missing initializer");
    }

    @Test
    void shapeMismatchesFoundByStaticInference() throws Exception {
        // Gemm weight with the wrong inner dimension
        ModelProto m = proto("mlp_op13.onnx");
        GraphProto.Builder g = m.getGraph().toBuilder();
        int w = indexOf(g, "net.0.weight");
        TensorProto t = g.getInitializer(w);
        g.setInitializer(w, TensorProto.newBuilder().setName(t.getName()).setDataType(1).addDims(16).addDims(4).setRawData(t.getRawData().substring(0, 16 * 4 * 4)));
        Path p = write("inner.onnx", m.toBuilder().setGraph(g).build());
        assertThatThrownBy(() -> OnnxModel.load(p)).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("inner.onnx: node '").hasMessageContaining("(Gemm): input B has shape [16, 4] (transB)").hasMessageContaining("A has K = 8");
        // a declared output shape that inference contradicts
        ModelProto m2 = proto("cnn_bn_op13.onnx");
        GraphProto.Builder g2 = m2.getGraph().toBuilder();
        var out = g2.getOutput(0).toBuilder();
        out.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(1).setDimValue(7);
        g2.setOutput(0, out);
        Path p2 = write("declared.onnx", m2.toBuilder().setGraph(g2).build());
        assertThatThrownBy(() -> OnnxModel.load(p2)).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("output 'y' is declared with shape [-1, 7] but static shape inference gives [N, 5]");
        // raw data shorter than the dims say
        ModelProto m3 = proto("mlp_op13.onnx");
        GraphProto.Builder g3 = m3.getGraph().toBuilder();
        TensorProto t3 = g3.getInitializer(0);
        g3.setInitializer(0, t3.toBuilder().setRawData(t3.getRawData().substring(4)));
        Path p3 = write("short.onnx", m3.toBuilder().setGraph(g3).build());
        assertThatThrownBy(() -> OnnxModel.load(p3)).isInstanceOf(OnnxFormatException.class)
                .hasMessageMatching("short\\.onnx: initializer '.*': raw_data has \\d+ bytes, expected \\d+ float32 values = \\d+ bytes");
        // a conv attribute of the wrong length
        ModelProto m4 = proto("resnet_op13.onnx");
        GraphProto.Builder g4 = m4.getGraph().toBuilder();
        NodeProto.Builder conv = g4.getNode(0).toBuilder();
        for (int i = 0; i < conv.getAttributeCount(); i++) {
            if (conv.getAttribute(i).getName().equals("pads")) conv.setAttribute(i, conv.getAttribute(i).toBuilder().clearInts().addInts(1).addInts(1).addInts(1));
        }
        g4.setNode(0, conv);
        Path p4 = write("pads.onnx", m4.toBuilder().setGraph(g4).build());
        assertThatThrownBy(() -> OnnxModel.load(p4)).isInstanceOf(OnnxFormatException.class)
                .hasMessage("pads.onnx: node '" + conv.getName() + "' (Conv): attribute 'pads' has 3 values, expected 4");
    }

    @Test
    void nonFiniteWeightsAreRejected() throws Exception {
        ModelProto m = proto("mlp_op13.onnx");
        GraphProto.Builder g = m.getGraph().toBuilder();
        int w = indexOf(g, "net.2.weight");
        byte[] raw = g.getInitializer(w).getRawData().toByteArray();
        java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(8, Float.NaN);
        g.setInitializer(w, g.getInitializer(w).toBuilder().setRawData(com.google.protobuf.ByteString.copyFrom(raw)));
        Path p = write("nan.onnx", m.toBuilder().setGraph(g).build());
        assertThatThrownBy(() -> OnnxModel.load(p)).isInstanceOf(OnnxFormatException.class)
                .hasMessageMatching("nan\\.onnx: node '.*' \\(Gemm\\): input B entry 2 is NaN, must be finite");
    }

    private static int indexOf(GraphProto.Builder g, String name) {
        for (int i = 0; i < g.getInitializerCount(); i++) if (g.getInitializer(i).getName().equals(name)) return i;
        throw new AssertionError("no initializer " + name);
    }

    @Test
    void allUnsupportedOperatorsAreListedInOneError() throws Exception {
        ModelProto m = proto("mlp_op13.onnx");
        GraphProto.Builder g = m.getGraph().toBuilder();
        g.setNode(1, g.getNode(1).toBuilder().setOpType("Erf"));
        g.setNode(3, g.getNode(3).toBuilder().setOpType("LSTM"));
        g.setNode(4, g.getNode(4).toBuilder().setDomain("com.microsoft").setOpType("FusedGemm"));
        Path p = write("unsupported.onnx", m.toBuilder().setGraph(g).build());
        assertThatThrownBy(() -> OnnxModel.load(p)).isInstanceOf(OnnxFormatException.class)
                .hasMessageStartingWith("unsupported.onnx: 3 nodes with unsupported operators: '" + g.getNode(1).getName() + "' (Erf), '"
                        + g.getNode(3).getName() + "' (LSTM), '" + g.getNode(4).getName() + "' (com.microsoft.FusedGemm); supported: [");
    }

    @Test
    void unsupportedUsesOfSupportedOperatorsSayWhy() throws Exception {
        ModelProto m = proto("resnet_op13.onnx");
        GraphProto.Builder g = m.getGraph().toBuilder();
        NodeProto.Builder conv = g.getNode(0).toBuilder();
        for (int i = 0; i < conv.getAttributeCount(); i++) {
            if (conv.getAttribute(i).getName().equals("pads")) conv.setAttribute(i, conv.getAttribute(i).toBuilder().clearInts().addInts(0).addInts(0).addInts(1).addInts(1));
        }
        g.setNode(0, conv);
        Path p = write("asym.onnx", m.toBuilder().setGraph(g).build());
        assertThatThrownBy(() -> OnnxModel.load(p)).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("(Conv): not supported: asymmetric padding pads [0, 0, 1, 1]");
        // symbolic sample dims need an explicit shape
        ModelProto m2 = proto("mlp_op13.onnx");
        GraphProto.Builder g2 = m2.getGraph().toBuilder();
        var in = g2.getInput(0).toBuilder();
        in.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(1).clearDimValue().setDimParam("features");
        g2.setInput(0, in);
        Path p2 = write("symbolic.onnx", m2.toBuilder().setGraph(g2).build());
        assertThatThrownBy(() -> OnnxModel.load(p2)).isInstanceOf(OnnxFormatException.class)
                .hasMessage("symbolic.onnx: input 'x' has symbolic dims at axes [1]; pass the sample shape to OnnxModel.load(path, inputShape)");
        assertThat(OnnxModel.load(p2, new int[] {8}).inputShape()).containsExactly(8);
        assertThatThrownBy(() -> OnnxModel.load(OnnxImportTest.fixtures().resolve("mlp_op13.onnx"), new int[] {9}))
                .isInstanceOf(OnnxFormatException.class).hasMessageContaining("dim 1 is 8 in the file but 9 in the given sample shape");
    }

    @Test
    void externalDataIsValidated() throws Exception {
        Path src = OnnxImportTest.fixtures().resolve("cnn_external.onnx");
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(src));
        // missing data file
        Path p = write("ext.onnx", m);
        assertThatThrownBy(() -> OnnxModel.load(p)).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("ext.onnx: initializer '").hasMessageContaining("cnn_external.bin does not exist");
        // a location that escapes the model's directory
        GraphProto.Builder g = m.getGraph().toBuilder();
        TensorProto.Builder t = g.getInitializer(0).toBuilder();
        for (int i = 0; i < t.getExternalDataCount(); i++) {
            if (t.getExternalData(i).getKey().equals("location")) t.setExternalData(i, StringStringEntryProto.newBuilder().setKey("location").setValue("../../etc/passwd"));
        }
        g.setInitializer(0, t);
        Path p2 = write("escape.onnx", m.toBuilder().setGraph(g).build());
        assertThatThrownBy(() -> OnnxModel.load(p2)).isInstanceOf(OnnxFormatException.class).hasMessageContaining("must be a relative path inside the model's directory");
        // a data file too short for the offsets
        Files.copy(src, dir.resolve("cnn_external.onnx"));
        Files.write(dir.resolve("cnn_external.bin"), new byte[100]);
        assertThatThrownBy(() -> OnnxModel.load(dir.resolve("cnn_external.onnx"))).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("external data cnn_external.bin has 100 bytes, the tensor needs bytes");
    }

    /**
     * Seeded mutations of every fixture (byte flips, random overwrites, truncations, inserted garbage):
     * every outcome is a successful load or an OnnxFormatException, never another exception or a hang.
     */
    @Test
    void fuzzedFilesLoadOrFailCleanly() throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(OnnxImportTest.fixtures())) {
            s.filter(f -> f.toString().endsWith(".onnx") && !f.toString().contains("external")).sorted().forEach(files::add);
        }
        SplittableRandom rng = new SplittableRandom(2024);
        int cases = 400, loaded = 0, rejected = 0;
        long start = System.nanoTime();
        for (int k = 0; k < cases; k++) {
            Path src = files.get(rng.nextInt(files.size()));
            byte[] b = Files.readAllBytes(src);
            byte[] mutated = switch (rng.nextInt(4)) {
                case 0 -> { // flip a few bits
                    byte[] c = b.clone();
                    for (int i = 1 + rng.nextInt(8); i > 0; i--) c[rng.nextInt(c.length)] ^= (byte) (1 << rng.nextInt(8));
                    yield c;
                }
                case 1 -> { // overwrite a few bytes with random values
                    byte[] c = b.clone();
                    for (int i = 1 + rng.nextInt(8); i > 0; i--) c[rng.nextInt(c.length)] = (byte) rng.nextInt(256);
                    yield c;
                }
                case 2 -> java.util.Arrays.copyOf(b, rng.nextInt(b.length)); // truncate
                default -> { // insert a short random run
                    int at = rng.nextInt(b.length), len = 1 + rng.nextInt(16);
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int i = 0; i < len; i++) c[at + i] = (byte) rng.nextInt(256);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    yield c;
                }
            };
            Path p = write("fuzz" + k + ".onnx", mutated);
            try {
                OnnxModel.load(p);
                loaded++;
            } catch (OnnxFormatException e) {
                assertThat(e.getMessage()).startsWith("fuzz" + k + ".onnx: ").doesNotContain("\n");
                rejected++;
            } catch (Throwable e) {
                fail("case " + k + " (mutated " + src.getFileName() + ") threw " + e, e);
            }
            Files.delete(p);
        }
        assertThat(loaded + rejected).isEqualTo(cases);
        assertThat(rejected).isPositive();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("fuzz time (s)").isLessThan(30);
        System.out.printf("fuzz: %d cases, %d loaded, %d rejected with OnnxFormatException%n", cases, loaded, rejected);
    }
}
