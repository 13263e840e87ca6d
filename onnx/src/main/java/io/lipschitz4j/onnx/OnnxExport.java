package io.lipschitz4j.onnx;

import com.google.protobuf.ByteString;
import io.lipschitz4j.io.AtomicFiles;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Activation;
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
import io.lipschitz4j.nn.MaxPool2d;
import io.lipschitz4j.nn.Merge;
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
import io.lipschitz4j.onnx.proto.Onnx.AttributeProto;
import io.lipschitz4j.onnx.proto.Onnx.GraphProto;
import io.lipschitz4j.onnx.proto.Onnx.ModelProto;
import io.lipschitz4j.onnx.proto.Onnx.NodeProto;
import io.lipschitz4j.onnx.proto.Onnx.OperatorSetIdProto;
import io.lipschitz4j.onnx.proto.Onnx.TensorProto;
import io.lipschitz4j.onnx.proto.Onnx.TensorShapeProto;
import io.lipschitz4j.onnx.proto.Onnx.TypeProto;
import io.lipschitz4j.onnx.proto.Onnx.ValueInfoProto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an nn model ({@link Sequential}, {@link Graph} or a single layer, nested freely) as an ONNX
 * file (opset {@value #OPSET}, IR version 8) that ONNX Runtime and {@link OnnxModel#load} read back.
 * Input "input" [N, inputShape…] with a symbolic batch N, output "output". Weights are stored as float32
 * (the usual ONNX model) or, with {@code float64}, as doubles with a float64 input, which round-trips
 * exactly. Initializers keep the nn parameter names (PyTorch's {@code state_dict} names).
 *
 * <p>Layers: Dense → Gemm, Conv2d (zero padding) → Conv, ConvTranspose2d → ConvTranspose, ReLU, LeakyReLU,
 * Tanh, Sigmoid, HardSigmoid, HardSwish, Clip, PReLU, Softmax, Identity, SiLU → Sigmoid·Mul, Flatten,
 * Reshape, Transpose, AvgPool2d → AveragePool, MaxPool2d → MaxPool, GlobalAvgPool2d → GlobalAveragePool,
 * ElementwiseAffine → Mul + Add; merges Add, Subtract → Sub, Multiply → Mul, Concat. Others (MaxMin,
 * GroupSort, circular padding) raise an {@link OnnxExportException} naming the layer. The file is written
 * atomically.
 */
public final class OnnxExport {
    /** The opset written: 17 (HardSwish needs 14; ONNX Runtime reads it). */
    public static final long OPSET = 17;

    private final boolean f64;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> inits = new ArrayList<>();
    private final Map<String, Integer> used = new HashMap<>();

    private OnnxExport(boolean f64) { this.f64 = f64; }

    /** Writes {@code model} with float32 weights. */
    public static void write(Layer model, int[] inputShape, Path out) throws IOException { write(model, inputShape, out, false); }

    /** Writes {@code model}; with {@code float64} the weights and the input are doubles. */
    public static void write(Layer model, int[] inputShape, Path out, boolean float64) throws IOException {
        AtomicFiles.write(out, toProto(model, inputShape, float64).toByteArray());
    }

    /** The ONNX model proto for {@code model} on samples of {@code inputShape}. */
    public static ModelProto toProto(Layer model, int[] inputShape, boolean float64) {
        OnnxExport e = new OnnxExport(float64);
        int[] outShape = model.outputShape(inputShape.clone());
        String y = e.layer(model, "input", inputShape.clone(), "");
        // the graph output needs its own name: an Identity when the model's last value has another name
        e.node("Identity", "output", List.of(y), List.of("output"));
        int type = float64 ? DataTypes.DOUBLE : DataTypes.FLOAT;
        GraphProto g = GraphProto.newBuilder().setName("lipschitz4j").addAllNode(e.nodes).addAllInitializer(e.inits)
                .addInput(info("input", type, inputShape)).addOutput(info("output", type, outShape)).build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("lipschitz4j").setProducerVersion("0.1.0")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(g).build();
    }

    private static ValueInfoProto info(String name, int type, int[] sample) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int d : sample) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(s))).build();
    }

    private String fresh(String base) {
        String b = base.isEmpty() ? "v" : base;
        int k = used.merge(b, 1, Integer::sum);
        return k == 1 ? b : b + "_" + k;
    }

    private NodeProto.Builder builder(String op, String name, List<String> in, List<String> out) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(fresh(name.isEmpty() ? op : name)).addAllInput(in).addAllOutput(out);
        return n;
    }

    /** Adds a node with attributes and returns its single output's name. */
    private String op(String op, String name, List<String> in, AttributeProto... attrs) {
        String out = fresh((name.isEmpty() ? op : name) + ":out");
        NodeProto.Builder n = builder(op, name, in, List.of(out));
        for (AttributeProto a : attrs) n.addAttribute(a);
        nodes.add(n.build());
        return out;
    }

    private void node(String op, String name, List<String> in, List<String> out, AttributeProto... attrs) {
        NodeProto.Builder n = builder(op, name, in, out);
        for (AttributeProto a : attrs) n.addAttribute(a);
        nodes.add(n.build());
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) a.addInts(x);
        return a.build();
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto floatAttr(String name, double v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) v).build();
    }

    /** An initializer with the given name (made unique) and shape; returns its name. */
    private String init(String name, int[] shape, double[] v) {
        String n = fresh(name);
        TensorProto.Builder t = TensorProto.newBuilder().setName(n).setDataType(f64 ? DataTypes.DOUBLE : DataTypes.FLOAT);
        for (int d : shape) t.addDims(d);
        ByteBuffer b = ByteBuffer.allocate(v.length * (f64 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            if (f64) b.putDouble(x); else b.putFloat((float) x);
        }
        inits.add(t.setRawData(ByteString.copyFrom(b.array())).build());
        return n;
    }

    private String init(String name, Tensor t) { return init(name, t.shape(), t.data()); }

    private String int64s(String name, long... v) {
        String n = fresh(name);
        TensorProto.Builder t = TensorProto.newBuilder().setName(n).setDataType(DataTypes.INT64).addDims(v.length);
        for (long x : v) t.addInt64Data(x);
        inits.add(t.build());
        return n;
    }

    private static String join(String prefix, String name) { return prefix.isEmpty() ? name : prefix + "/" + name; }

    /** Emits {@code l} applied to value {@code x} of sample shape {@code s}; returns the output value. */
    private String layer(Layer l, String x, int[] s, String name) {
        if (l instanceof Sequential seq) {
            for (int i = 0; i < seq.layers().size(); i++) {
                Layer c = seq.layers().get(i);
                x = layer(c, x, s, join(name, String.valueOf(i)));
                s = c.outputShape(s);
            }
            return x;
        }
        if (l instanceof Graph g) return graph(g, x, s, name);
        String p = name.isEmpty() ? "" : name + ".";
        if (l instanceof Dense d) {
            List<String> in = new ArrayList<>(List.of(x, init(p + "weight", d.weight())));
            if (d.bias() != null) in.add(init(p + "bias", d.bias()));
            return op("Gemm", name, in, intAttr("transB", 1));
        }
        if (l instanceof Conv2d c) {
            Conv2dSpec k = c.spec();
            if (k.mode() != PaddingMode.ZEROS) throw new OnnxExportException("cannot export layer '" + name + "' " + c + ": ONNX Conv pads with zeros only, this layer pads " + k.mode().name().toLowerCase(java.util.Locale.ROOT));
            List<String> in = new ArrayList<>(List.of(x, init(p + "weight", c.weight())));
            if (c.bias() != null) in.add(init(p + "bias", c.bias()));
            return op("Conv", name, in, ints("kernel_shape", k.kH(), k.kW()), ints("strides", k.sH(), k.sW()),
                    ints("pads", k.pH(), k.pW(), k.pH(), k.pW()), ints("dilations", k.dH(), k.dW()), intAttr("group", k.groups()));
        }
        if (l instanceof ConvTranspose2d c) {
            Conv2dSpec k = c.spec();
            List<String> in = new ArrayList<>(List.of(x, init(p + "weight", c.weight())));
            if (c.bias() != null) in.add(init(p + "bias", c.bias()));
            int[] op = c.outputPadding();
            return op("ConvTranspose", name, in, ints("kernel_shape", k.kH(), k.kW()), ints("strides", k.sH(), k.sW()),
                    ints("pads", k.pH(), k.pW(), k.pH(), k.pW()), ints("dilations", k.dH(), k.dW()), intAttr("group", k.groups()),
                    ints("output_padding", op[0], op[1]));
        }
        if (l instanceof ReLU) return op("Relu", name, List.of(x));
        if (l instanceof Tanh) return op("Tanh", name, List.of(x));
        if (l instanceof Sigmoid) return op("Sigmoid", name, List.of(x));
        if (l instanceof HardSwish) return op("HardSwish", name, List.of(x));
        if (l instanceof Identity) return op("Identity", name, List.of(x));
        if (l instanceof Softmax) return op("Softmax", name, List.of(x), intAttr("axis", -1));
        if (l instanceof LeakyReLU r) return op("LeakyRelu", name, List.of(x), floatAttr("alpha", r.negativeSlope()));
        if (l instanceof HardSigmoid h) return op("HardSigmoid", name, List.of(x), floatAttr("alpha", h.alpha()), floatAttr("beta", h.beta()));
        if (l instanceof SiLU) return op("Mul", name, List.of(x, op("Sigmoid", join(name, "sigmoid"), List.of(x))));
        if (l instanceof Clip c) {
            String lo = Double.isInfinite(c.min()) ? "" : init(p + "min", new int[0], new double[] {c.min()});
            String hi = Double.isInfinite(c.max()) ? "" : init(p + "max", new int[0], new double[] {c.max()});
            return op("Clip", name, List.of(x, lo, hi));
        }
        if (l instanceof PReLU r) {
            Tensor slope = r.slope();
            if (slope.rank() == 1 && slope.size() > 1 && s.length > 1) { // nn's per-channel [C] is [C, 1, …, 1] in ONNX
                int[] sh = new int[s.length];
                Arrays.fill(sh, 1);
                sh[0] = slope.size();
                slope = slope.reshape(sh);
            }
            return op("PRelu", name, List.of(x, init(p + "weight", slope)));
        }
        if (l instanceof Flatten) return op("Flatten", name, List.of(x), intAttr("axis", 1));
        if (l instanceof Reshape) {
            int[] o = l.outputShape(s);
            long[] t = new long[o.length + 1];
            for (int i = 0; i < o.length; i++) t[i + 1] = o[i]; // t[0] = 0: copy the batch size
            return op("Reshape", name, List.of(x, int64s(p + "shape", t)));
        }
        if (l instanceof Transpose t) {
            int[] q = t.samplePerm();
            long[] perm = new long[q.length + 1];
            for (int i = 0; i < q.length; i++) perm[i + 1] = q[i] + 1;
            return op("Transpose", name, List.of(x), ints("perm", perm));
        }
        if (l instanceof AvgPool2d a) {
            int[] k = a.window(), st = a.stride();
            return op("AveragePool", name, List.of(x), ints("kernel_shape", k[0], k[1]), ints("strides", st[0], st[1]));
        }
        if (l instanceof MaxPool2d m) {
            int[] k = m.window(), st = m.stride(), pd = m.padding(), dl = m.dilation();
            return op("MaxPool", name, List.of(x), ints("kernel_shape", k[0], k[1]), ints("strides", st[0], st[1]),
                    ints("pads", pd[0], pd[1], pd[0], pd[1]), ints("dilations", dl[0], dl[1]), intAttr("ceil_mode", m.ceilMode() ? 1 : 0));
        }
        if (l instanceof GlobalAvgPool2d) return op("GlobalAveragePool", name, List.of(x));
        if (l instanceof ElementwiseAffine a) {
            String m = op("Mul", join(name, "scale"), List.of(x, init(p + "scale", a.scale())));
            return op("Add", join(name, "shift"), List.of(m, init(p + "shift", a.shift())));
        }
        String why = l instanceof Activation ? "an activation without an ONNX operator" : "a layer without an ONNX operator";
        throw new OnnxExportException("cannot export layer '" + (name.isEmpty() ? "model" : name) + "' " + l + ": " + why
                + " (exportable: Dense, Conv2d, ConvTranspose2d, pooling, reshaping, elementwise affine and the activations with ONNX operators)");
    }

    private String graph(Graph g, String x, int[] s, String name) {
        Map<String, String> values = new HashMap<>();
        Map<String, int[]> shapes = new HashMap<>();
        values.put(g.inputName(), x);
        shapes.put(g.inputName(), s);
        for (Graph.NodeView n : g.nodes()) {
            String nn = join(name, n.name());
            if (n.layer() != null) {
                String in = n.inputs().get(0);
                values.put(n.name(), layer(n.layer(), values.get(in), shapes.get(in), nn));
                shapes.put(n.name(), n.layer().outputShape(shapes.get(in)));
            } else {
                List<String> ins = new ArrayList<>();
                List<int[]> ss = new ArrayList<>();
                for (String i : n.inputs()) { ins.add(values.get(i)); ss.add(shapes.get(i)); }
                values.put(n.name(), merge(n.merge(), ins, nn));
                shapes.put(n.name(), n.merge().outputShape(ss));
            }
        }
        return values.get(g.outputName());
    }

    private String merge(Merge m, List<String> in, String name) {
        if (m instanceof Add) {
            String acc = in.get(0);
            for (int i = 1; i < in.size(); i++) acc = op("Add", name, List.of(acc, in.get(i)));
            return in.size() == 1 ? op("Identity", name, List.of(acc)) : acc;
        }
        if (m instanceof Subtract) return op("Sub", name, in);
        if (m instanceof Multiply) return op("Mul", name, in);
        if (m instanceof Concat c) return op("Concat", name, in, intAttr("axis", c.sampleAxis() + 1));
        throw new OnnxExportException("cannot export merge '" + name + "' " + m + ": no ONNX operator for it");
    }
}
