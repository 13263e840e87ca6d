package io.lipschitz4j.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.Identity;
import io.lipschitz4j.onnx.proto.Onnx.GraphProto;
import io.lipschitz4j.onnx.proto.Onnx.ModelProto;
import io.lipschitz4j.onnx.proto.Onnx.NodeProto;
import io.lipschitz4j.onnx.proto.Onnx.OperatorSetIdProto;
import io.lipschitz4j.onnx.proto.Onnx.TensorShapeProto;
import io.lipschitz4j.onnx.proto.Onnx.ValueInfoProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model imported as an nn {@link Graph} with one input and one output, for evaluation and
 * Lipschitz certification in float64.
 *
 * <pre>{@code
 * OnnxModel m = OnnxModel.load(Path.of("model.onnx"));
 * Tensor y = m.graph().forward(x);   // x: [N, ...m.inputShape()]
 * }</pre>
 *
 * <p>The first axis of the ONNX input is the batch axis (symbolic or a number); every other dimension
 * must be known, from the file or from {@link #load(Path, int[])}. Weights of float16, float32 and
 * float64 models become doubles exactly. Supported operators: {@link #supportedOperators()}; what each
 * becomes is described in the package documentation.
 *
 * @param graph           the network; node names are the ONNX node names (with '.' replaced by '_')
 * @param inputShape      one sample's shape, without the batch axis
 * @param inputName       the ONNX graph input's name (also {@code graph().inputName()}, '.' replaced)
 * @param outputName      the ONNX graph output's name ({@code graph().outputName()} is the node producing it)
 * @param inputElemType   ONNX element type of the input (1 float32, 11 float64, 10 float16)
 * @param opsetVersion    the default-domain opset the model declares
 * @param irVersion       the ONNX IR version of the file
 * @param producerName    the exporter, e.g. "pytorch"
 * @param producerVersion the exporter's version
 */
public record OnnxModel(Graph graph, int[] inputShape, String inputName, String outputName, int inputElemType,
                        long opsetVersion, long irVersion, String producerName, String producerVersion) {

    public OnnxModel {
        inputShape = inputShape.clone();
    }

    @Override public int[] inputShape() { return inputShape.clone(); }

    /** The ONNX operator types the importer converts. */
    public static Set<String> supportedOperators() { return Importer.SUPPORTED; }

    /** Loads a model whose input sample shape is fully given by the file. */
    public static OnnxModel load(Path path) throws IOException { return load(path, null); }

    /**
     * Loads a model; {@code inputShape} (one sample, no batch axis; null to use the file's) fills symbolic
     * dimensions. Where the file states a number it must agree.
     *
     * @throws OnnxFormatException for anything that is not an importable ONNX model (see the class docs)
     * @throws IOException         when the file cannot be read
     */
    public static OnnxModel load(Path path, int[] inputShape) throws IOException {
        String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (!Files.isRegularFile(path)) throw new OnnxFormatException(file + ": no such file (" + path.toAbsolutePath() + ")");
        byte[] bytes = Files.readAllBytes(path);
        ModelProto m;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(64);
            m = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new OnnxFormatException(file + ": not an ONNX model (the protobuf does not parse: " + e.getMessage() + ")", e);
        }
        Path dir = path.toAbsolutePath().getParent();
        return fromProto(m, file, dir, inputShape);
    }

    static OnnxModel fromProto(ModelProto m, String file, Path dir, int[] inputShape) throws OnnxFormatException {
        if (!m.hasGraph() || m.getIrVersion() <= 0 || m.getGraph().getOutputCount() == 0) {
            throw new OnnxFormatException(file + ": not an ONNX model (" + (!m.hasGraph() ? "no graph" : m.getIrVersion() <= 0 ? "no ir_version" : "the graph has no outputs") + ")");
        }
        long opset = -1;
        for (OperatorSetIdProto o : m.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) opset = o.getVersion();
        }
        if (opset < 1) {
            if (m.getIrVersion() >= 3) throw new OnnxFormatException(file + ": field 'opset_import' has no entry for the default ONNX domain");
            opset = 1;
        }
        GraphProto g = m.getGraph();
        checkOperators(g, file);
        Set<String> inits = new HashSet<>();
        g.getInitializerList().forEach(t -> inits.add(t.getName()));
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) if (!inits.contains(v.getName())) inputs.add(v);
        if (inputs.size() != 1) {
            throw new OnnxFormatException(file + ": the graph has " + inputs.size() + " inputs " + names(inputs) + ", expected exactly 1");
        }
        if (g.getOutputCount() != 1) throw new OnnxFormatException(file + ": the graph has " + g.getOutputCount() + " outputs " + names(g.getOutputList()) + ", expected exactly 1");
        ValueInfoProto input = inputs.get(0);
        if (input.getName().isEmpty()) throw new OnnxFormatException(file + ": the graph input has no name");
        int elem = input.getType().getTensorType().getElemType();
        if (!input.getType().hasTensorType() || !DataTypes.isFloat(elem)) {
            throw new OnnxFormatException(file + ": input '" + input.getName() + "' has element type " + DataTypes.name(elem) + ", expected a float tensor");
        }
        long[] batch = new long[1];
        int[] sample = sampleShape(file, input, inputShape, batch);
        String irInput = input.getName().replace('.', '_');
        if (irInput.isEmpty()) irInput = "input";
        Importer im = new Importer(file, dir, opset);
        im.start(g, input.getName(), irInput, sample, batch[0]);
        for (int i = 0; i < g.getNodeCount(); i++) im.convert(g.getNode(i), i);
        String outName = g.getOutput(0).getName();
        Importer.Dyn out = im.output(outName);
        if (out == null) {
            if (im.isConst(outName)) throw new OnnxFormatException(file + ": output '" + outName + "' is a constant that does not depend on the input");
            throw new OnnxFormatException(file + ": output '" + outName + "' is not produced by any node");
        }
        List<IrNode> ir = Fusions.apply(im.ir, out.value());
        Graph.Builder b = Graph.builder(irInput);
        for (IrNode n : ir) {
            if (n.layer() != null) b.layer(n.name(), n.layer(), n.inputs().get(0));
            else b.merge(n.name(), n.merge(), n.inputs().toArray(new String[0]));
        }
        String last = out.value();
        if (last.equals(irInput)) { // the model is the identity
            last = irInput + "_identity";
            b.layer(last, new Identity(), irInput);
        }
        return new OnnxModel(b.build(last), sample, input.getName(), outName, elem, opset, m.getIrVersion(),
                m.getProducerName(), m.getProducerVersion());
    }

    private static String names(List<ValueInfoProto> vs) {
        List<String> s = new ArrayList<>();
        for (ValueInfoProto v : vs) s.add("'" + v.getName() + "'");
        return s.toString();
    }

    /** One exception listing every node whose operator (or domain) the importer does not convert. */
    private static void checkOperators(GraphProto g, String file) throws OnnxFormatException {
        Map<String, String> bad = new LinkedHashMap<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            String domain = n.getDomain();
            boolean ok = (domain.isEmpty() || domain.equals("ai.onnx")) && Importer.SUPPORTED.contains(n.getOpType());
            if (!ok) {
                String name = n.getName().isEmpty() ? n.getOpType() + "_" + i : n.getName();
                bad.put(name, (domain.isEmpty() ? "" : domain + ".") + n.getOpType());
            }
        }
        if (!bad.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            bad.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(k).append("' (").append(v).append(')'));
            throw new OnnxFormatException(file + ": " + bad.size() + " node" + (bad.size() == 1 ? "" : "s") + " with unsupported operators: " + sb
                    + "; supported: " + new java.util.TreeSet<>(Importer.SUPPORTED));
        }
    }

    /** The sample shape from the input's dims (axis 0 is the batch) and the override. */
    private static int[] sampleShape(String file, ValueInfoProto input, int[] override, long[] batch) throws OnnxFormatException {
        TensorShapeProto shape = input.getType().getTensorType().hasShape() ? input.getType().getTensorType().getShape() : null;
        String where = file + ": input '" + input.getName() + "'";
        if (shape == null || shape.getDimCount() == 0) {
            if (override == null) throw new OnnxFormatException(where + " has no shape; pass the sample shape to OnnxModel.load(path, inputShape)");
            batch[0] = -1;
            return check(where, override.clone());
        }
        int r = shape.getDimCount() - 1;
        TensorShapeProto.Dimension b0 = shape.getDim(0);
        batch[0] = b0.hasDimValue() && b0.getDimValue() > 0 ? b0.getDimValue() : -1;
        if (override != null && override.length != r) {
            throw new OnnxFormatException(where + " has rank " + (r + 1) + " (batch + " + r + " sample axes) but the given sample shape " + Arrays.toString(override) + " has " + override.length);
        }
        int[] s = new int[r];
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i + 1);
            if (d.hasDimValue() && d.getDimValue() > 0) {
                if (d.getDimValue() > Integer.MAX_VALUE) throw new OnnxFormatException(where + ": dim " + (i + 1) + " is " + d.getDimValue() + ", too large");
                s[i] = (int) d.getDimValue();
                if (override != null && override[i] != s[i]) {
                    throw new OnnxFormatException(where + ": dim " + (i + 1) + " is " + s[i] + " in the file but " + override[i] + " in the given sample shape " + Arrays.toString(override));
                }
            } else if (override != null) {
                s[i] = override[i];
            } else {
                unknown.add(i + 1);
            }
        }
        if (!unknown.isEmpty()) throw new OnnxFormatException(where + " has symbolic dims at axes " + unknown + "; pass the sample shape to OnnxModel.load(path, inputShape)");
        return check(where, s);
    }

    private static int[] check(String where, int[] s) throws OnnxFormatException {
        long n = 1;
        for (int d : s) {
            if (d < 1) throw new OnnxFormatException(where + ": sample shape " + Arrays.toString(s) + " has a dimension < 1");
            n *= d;
            if (n > TensorDecoder.MAX_ELEMENTS) throw new OnnxFormatException(where + ": sample shape " + Arrays.toString(s) + " is too large");
        }
        return s;
    }

    @Override public String toString() {
        return "OnnxModel(" + producerName + " " + producerVersion + ", opset " + opsetVersion + ", input '" + inputName + "' [N, "
                + Arrays.toString(inputShape).substring(1) + ", " + graph.nodes().size() + " nodes)";
    }

    @Override public boolean equals(Object o) { return this == o; }

    @Override public int hashCode() { return System.identityHashCode(this); }
}
