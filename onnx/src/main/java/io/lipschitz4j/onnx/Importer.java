package io.lipschitz4j.onnx;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Add;
import io.lipschitz4j.nn.Clip;
import io.lipschitz4j.nn.Concat;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.ConvTranspose2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.GlobalAvgPool2d;
import io.lipschitz4j.nn.HardSigmoid;
import io.lipschitz4j.nn.HardSwish;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.LeakyReLU;
import io.lipschitz4j.nn.MaxPool2d;
import io.lipschitz4j.nn.Merge;
import io.lipschitz4j.nn.Multiply;
import io.lipschitz4j.nn.PReLU;
import io.lipschitz4j.nn.PaddingMode;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Reshape;
import io.lipschitz4j.nn.Sigmoid;
import io.lipschitz4j.nn.Softmax;
import io.lipschitz4j.nn.Subtract;
import io.lipschitz4j.nn.Tanh;
import io.lipschitz4j.nn.Transpose;
import io.lipschitz4j.nn.AvgPool2d;
import io.lipschitz4j.onnx.proto.Onnx.GraphProto;
import io.lipschitz4j.onnx.proto.Onnx.NodeProto;
import io.lipschitz4j.onnx.proto.Onnx.TensorProto;
import io.lipschitz4j.onnx.proto.Onnx.ValueInfoProto;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts the nodes of an ONNX graph, in file order (ONNX requires a topological order), into
 * {@link IrNode}s: constants are folded, batched tensors become nn layers and merges, and static shape
 * inference (each layer's {@code outputShape}) checks every node and the shapes the file declares.
 * Tensors that depend on the input carry their per-sample shape; the batch axis is always axis 0.
 */
final class Importer {
    /** Operators this importer converts (default ONNX domain). */
    static final Set<String> SUPPORTED = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Neg",
            "BatchNormalization", "Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Clip",
            "MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape", "Transpose", "Concat", "Identity", "Dropout",
            "Softmax", "Constant", "Shape", "Gather", "Unsqueeze", "Squeeze", "Cast", "Pad", "Sqrt", "Reciprocal");

    /** A tensor computed from the input: the IR value holding it and one sample's shape. */
    record Dyn(String value, int[] sample) {}

    private final String file;
    private final Path baseDir;
    private final long opset;
    private final Map<String, Const> consts = new HashMap<>();
    private final Map<String, Dyn> dyns = new HashMap<>();
    private final Map<String, long[]> declared = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    final List<IrNode> ir = new ArrayList<>();
    private long fixedBatch = -1;

    Importer(String file, Path baseDir, long opset) {
        this.file = file;
        this.baseDir = baseDir;
        this.opset = opset;
    }

    /** Registers the graph input (sample shape resolved by the caller) and the constants. */
    void start(GraphProto g, String input, String irInput, int[] sample, long batchDim) throws OnnxFormatException {
        this.fixedBatch = batchDim;
        names.add(irInput);
        dyns.put(input, new Dyn(irInput, sample));
        for (TensorProto t : g.getInitializerList()) {
            if (t.getName().isEmpty()) throw new OnnxFormatException(file + ": an initializer has no name");
            consts.put(t.getName(), TensorDecoder.decode(t, "initializer '" + t.getName() + "'", baseDir, file));
        }
        for (NodeProto n : g.getNodeList()) used.addAll(n.getInputList());
        for (ValueInfoProto v : g.getOutputList()) used.add(v.getName());
        List<ValueInfoProto> infos = new ArrayList<>(g.getValueInfoList());
        infos.addAll(g.getOutputList());
        for (ValueInfoProto v : infos) {
            if (!v.hasType() || !v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) continue;
            var dims = v.getType().getTensorType().getShape().getDimList();
            long[] d = new long[dims.size()];
            for (int i = 0; i < d.length; i++) d[i] = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
            declared.put(v.getName(), d);
        }
    }

    /** Converts one node; {@code index} names nodes that have no name. */
    void convert(NodeProto n, int index) throws OnnxFormatException {
        String name = n.getName().isEmpty() ? n.getOpType() + "_" + index : n.getName();
        NodeContext c = new NodeContext(file, n, name, opset);
        if (n.getOutputCount() == 0) throw c.fail("has no outputs");
        for (int k = 1; k < n.getOutputCount(); k++) {
            String o = n.getOutput(k);
            if (!o.isEmpty() && used.contains(o)) {
                throw c.unsupported("output " + k + " ('" + o + "') is used; only the first output of " + c.op() + " is imported");
            }
        }
        try {
            convertChecked(c);
        } catch (OnnxFormatException e) {
            throw e;
        } catch (RuntimeException e) { // a layer constructor or shape check rejecting the node's values
            throw c.fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void convertChecked(NodeContext c) throws OnnxFormatException {
        NodeProto n = c.node;
        String out = n.getOutput(0);
        if (c.op().equals("Constant")) {
            consts.put(out, constant(c));
            return;
        }
        List<Object> in = new ArrayList<>();
        boolean anyDyn = false;
        for (String s : n.getInputList()) {
            if (s.isEmpty()) { in.add(null); continue; }
            Object v = dyns.containsKey(s) ? dyns.get(s) : consts.get(s);
            if (v == null) throw c.fail("input '" + s + "' is neither an initializer nor the output of an earlier node (missing initializer?)");
            anyDyn |= v instanceof Dyn;
            in.add(v);
        }
        if (!anyDyn && !c.op().equals("Shape")) {
            List<Const> cs = new ArrayList<>();
            for (Object o : in) cs.add((Const) o);
            if (!ConstFolder.OPS.contains(c.op())) throw c.unsupported(c.op() + " with only constant inputs (constant folding covers shape and weight arithmetic)");
            consts.put(out, ConstFolder.fold(c, cs));
            return;
        }
        Object x0 = in.isEmpty() ? null : in.get(0);
        switch (c.op()) {
            case "Identity", "Dropout" -> {
                if (c.op().equals("Dropout") && c.opset >= 12 && in.size() > 2 && in.get(2) instanceof Const t && t.values().length > 0 && t.values()[0] != 0) {
                    throw c.unsupported("Dropout in training mode");
                }
                alias(c, out, dyn(c, x0, 0));
            }
            case "Cast" -> {
                int to = (int) c.getInt("to", -1);
                if (!DataTypes.isFloat(to)) throw c.unsupported("Cast of the network's activations to " + DataTypes.name(to));
                alias(c, out, dyn(c, x0, 0));
            }
            case "Shape" -> consts.put(out, shapeOf(c, x0));
            case "Relu" -> layer(c, out, new ReLU(), dyn(c, x0, 0));
            case "Tanh" -> layer(c, out, new Tanh(), dyn(c, x0, 0));
            case "Sigmoid" -> layer(c, out, new Sigmoid(), dyn(c, x0, 0));
            case "HardSwish" -> layer(c, out, new HardSwish(), dyn(c, x0, 0));
            case "LeakyRelu" -> layer(c, out, new LeakyReLU(c.getFloat("alpha", 0.01)), dyn(c, x0, 0));
            case "HardSigmoid" -> layer(c, out, new HardSigmoid(c.getFloat("alpha", 0.2), c.getFloat("beta", 0.5)), dyn(c, x0, 0));
            case "Neg" -> layer(c, out, ElementwiseAffine.scaling(-1), dyn(c, x0, 0));
            case "Clip" -> clip(c, out, in);
            case "PRelu" -> prelu(c, out, dyn(c, x0, 0), cnst(c, in, 1));
            case "Softmax" -> softmax(c, out, dyn(c, x0, 0));
            case "Add", "Sub", "Mul", "Div" -> binary(c, out, in);
            case "Gemm" -> gemm(c, out, in);
            case "MatMul" -> matmul(c, out, in);
            case "Conv" -> conv(c, out, in);
            case "ConvTranspose" -> convTranspose(c, out, in);
            case "BatchNormalization" -> batchNorm(c, out, in);
            case "MaxPool" -> maxPool(c, out, dyn(c, x0, 0));
            case "AveragePool" -> avgPool(c, out, dyn(c, x0, 0));
            case "GlobalAveragePool" -> {
                Dyn x = dyn(c, x0, 0);
                if (x.sample().length != 3) throw c.unsupported("GlobalAveragePool on samples " + NodeContext.shape(x.sample()) + " (2-D [C, H, W] only)");
                layer(c, out, new GlobalAvgPool2d(), x);
            }
            case "Flatten" -> flatten(c, out, dyn(c, x0, 0));
            case "Reshape" -> reshape(c, out, dyn(c, x0, 0), cnst(c, in, 1));
            case "Transpose" -> transpose(c, out, dyn(c, x0, 0));
            case "Unsqueeze", "Squeeze" -> squeezeOrUnsqueeze(c, out, in);
            case "Concat" -> concat(c, out, in);
            case "Pad" -> pad(c, out, in);
            default -> throw c.unsupported(c.op() + " on a tensor that depends on the input");
        }
    }

    // ---- values ----

    private Dyn dyn(NodeContext c, Object v, int k) throws OnnxFormatException {
        if (v instanceof Dyn d) return d;
        throw c.unsupported("input " + k + " is a constant where a tensor computed from the network input is expected");
    }

    private Const cnst(NodeContext c, List<Object> in, int k) throws OnnxFormatException {
        if (k >= in.size() || in.get(k) == null) throw c.fail("input " + k + " is missing");
        if (in.get(k) instanceof Const t) return t;
        throw c.unsupported("input " + k + " ('" + c.node.getInput(k) + "') must be a constant (initializer or Constant), but it depends on the network input");
    }

    private Const optConst(NodeContext c, List<Object> in, int k) throws OnnxFormatException {
        return k < in.size() && in.get(k) != null ? cnst(c, in, k) : null;
    }

    /** Weights must be finite: a NaN or infinity would silently poison every output and bound. */
    private static Const finite(NodeContext c, Const k, String what) throws OnnxFormatException {
        if (k == null) return null;
        for (int i = 0; i < k.size(); i++) {
            if (!Double.isFinite(k.values()[i])) throw c.fail(what + " entry " + i + " is " + k.values()[i] + ", must be finite");
        }
        return k;
    }

    private void alias(NodeContext c, String out, Dyn x) throws OnnxFormatException {
        checkDeclared(c, out, x.sample());
        dyns.put(out, x);
    }

    private String irName(NodeContext c) {
        String base = c.name.replace('.', '_');
        if (base.isEmpty()) base = c.op();
        String s = base;
        for (int k = 2; names.contains(s); k++) s = base + "_" + k;
        names.add(s);
        return s;
    }

    /** Adds a layer node after static shape inference; returns its output. */
    private Dyn layer(NodeContext c, String out, Layer l, Dyn x) throws OnnxFormatException {
        int[] shape;
        try {
            shape = l.outputShape(x.sample());
        } catch (RuntimeException e) {
            throw c.fail("input shape " + NodeContext.shape(x.sample()) + ": " + e.getMessage());
        }
        checkSize(c, shape);
        String name = irName(c);
        ir.add(IrNode.layer(name, l, x.value()));
        Dyn d = new Dyn(name, shape);
        checkDeclared(c, out, shape);
        dyns.put(out, d);
        return d;
    }

    private void merge(NodeContext c, String out, Merge m, List<Dyn> xs) throws OnnxFormatException {
        List<int[]> shapes = new ArrayList<>();
        List<String> ins = new ArrayList<>();
        for (Dyn d : xs) { shapes.add(d.sample()); ins.add(d.value()); }
        int[] shape;
        try {
            shape = m.outputShape(shapes);
        } catch (RuntimeException e) {
            StringBuilder b = new StringBuilder();
            for (int[] s : shapes) b.append(b.length() == 0 ? "" : ", ").append(NodeContext.shape(s));
            throw c.fail("input shapes " + b + ": " + e.getMessage());
        }
        checkSize(c, shape);
        String name = irName(c);
        ir.add(IrNode.merge(name, m, ins));
        checkDeclared(c, out, shape);
        dyns.put(out, new Dyn(name, shape));
    }

    private static void checkSize(NodeContext c, int[] shape) throws OnnxFormatException {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw c.fail("inferred a negative dimension in " + NodeContext.shape(shape));
            n *= d;
            if (n > TensorDecoder.MAX_ELEMENTS) throw c.fail("inferred sample shape " + NodeContext.shape(shape) + " is too large");
        }
    }

    /** Compares with the shape the file declares (value_info / graph output), where it declares numbers. */
    private void checkDeclared(NodeContext c, String value, int[] sample) throws OnnxFormatException {
        long[] d = declared.get(value);
        if (d == null) return;
        boolean ok = d.length == sample.length + 1;
        for (int i = 0; ok && i < sample.length; i++) ok = d[i + 1] < 0 || d[i + 1] == sample[i];
        if (!ok) {
            throw c.fail("output '" + value + "' is declared with shape " + Arrays.toString(d) + " but static shape inference gives [N, "
                    + NodeContext.shape(sample).substring(1));
        }
    }

    Dyn output(String name) { return dyns.get(name); }

    boolean isConst(String name) { return consts.containsKey(name); }

    // ---- constants ----

    private Const constant(NodeContext c) throws OnnxFormatException {
        TensorProto t = c.getTensor("value");
        if (t != null) return TensorDecoder.decode(t, "node '" + c.name + "' (Constant): attribute 'value'", baseDir, file);
        if (c.has("value_float")) return Const.scalar(DataTypes.FLOAT, c.getFloat("value_float", 0));
        if (c.has("value_int")) return Const.scalar(DataTypes.INT64, c.getInt("value_int", 0));
        if (c.has("value_ints")) return Const.ints(c.getInts("value_ints", null, -1));
        float[] fs = c.getFloats("value_floats");
        if (fs != null) {
            double[] v = new double[fs.length];
            for (int i = 0; i < v.length; i++) v[i] = fs[i];
            return Const.of(DataTypes.FLOAT, new long[] {v.length}, v);
        }
        throw c.unsupported("Constant without a 'value', 'value_float(s)' or 'value_int(s)' attribute");
    }

    private Const shapeOf(NodeContext c, Object x) throws OnnxFormatException {
        long[] full;
        boolean[] batch;
        if (x instanceof Const k) {
            full = k.shape();
            batch = new boolean[full.length];
        } else {
            Dyn d = (Dyn) x;
            full = new long[d.sample().length + 1];
            full[0] = fixedBatch > 0 ? fixedBatch : 1;
            for (int i = 0; i < d.sample().length; i++) full[i + 1] = d.sample()[i];
            batch = new boolean[full.length];
            batch[0] = true;
        }
        int r = full.length;
        long start = c.getInt("start", 0), end = c.getInt("end", r);
        start = Math.max(0, Math.min(r, start < 0 ? start + r : start));
        end = Math.max(start, Math.min(r, end < 0 ? end + r : end));
        double[] v = new double[(int) (end - start)];
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = full[(int) start + i];
            b[i] = batch[(int) start + i];
        }
        return new Const(DataTypes.INT64, new long[] {v.length}, v, b);
    }

    /**
     * A constant c combined elementwise with batched tensors of one sample shape: c's shape without a
     * leading batch axis of size 1, which must broadcast to the sample shape without growing it.
     */
    private Tensor sampleConstant(NodeContext c, Const k, int[] sample) throws OnnxFormatException {
        long[] s = k.shape();
        if (s.length > sample.length + 1 || (s.length == sample.length + 1 && s[0] != 1)) {
            throw c.unsupported("constant of shape " + Arrays.toString(s) + " against batched samples " + NodeContext.shape(sample) + " (it would act on the batch axis)");
        }
        if (s.length == sample.length + 1) s = Arrays.copyOfRange(s, 1, s.length);
        int off = sample.length - s.length;
        for (int i = 0; i < s.length; i++) {
            if (s[i] != 1 && s[i] != sample[i + off]) {
                throw c.fail("constant of shape " + Arrays.toString(k.shape()) + " does not broadcast to the samples " + NodeContext.shape(sample) + " without growing them");
            }
        }
        if (k.hasBatch()) throw c.unsupported("arithmetic with the batch size");
        int[] is = new int[Math.max(1, s.length)];
        Arrays.fill(is, 1);
        for (int i = 0; i < s.length; i++) is[i] = (int) s[i];
        return new Tensor(is, k.values().clone());
    }

    private static Tensor fill(int[] shape, double v) {
        Tensor t = Tensor.zeros(shape);
        Arrays.fill(t.data(), v);
        return t;
    }

    // ---- operators ----

    private void binary(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        if (in.size() != 2 || in.get(0) == null || in.get(1) == null) throw c.fail("has " + in.size() + " inputs, expected 2");
        Object a = in.get(0), b = in.get(1);
        if (a instanceof Dyn x && b instanceof Dyn y) {
            switch (c.op()) {
                case "Add" -> merge(c, out, new Add(), List.of(x, y));
                case "Sub" -> merge(c, out, new Subtract(), List.of(x, y));
                case "Mul" -> merge(c, out, new Multiply(), List.of(x, y));
                default -> throw c.unsupported("Div of two tensors that depend on the input");
            }
            return;
        }
        boolean constFirst = a instanceof Const;
        Dyn x = (Dyn) (constFirst ? b : a);
        Tensor k = sampleConstant(c, (Const) (constFirst ? a : b), x.sample());
        ElementwiseAffine f;
        switch (c.op()) {
            case "Add" -> f = new ElementwiseAffine(fill(new int[] {1}, 1), k);
            case "Mul" -> f = new ElementwiseAffine(k, fill(new int[] {1}, 0));
            case "Sub" -> {
                if (constFirst) {
                    f = new ElementwiseAffine(fill(new int[] {1}, -1), k);
                } else {
                    for (int i = 0; i < k.size(); i++) k.data()[i] = -k.data()[i];
                    f = new ElementwiseAffine(fill(new int[] {1}, 1), k);
                }
            }
            default -> {
                if (constFirst) throw c.unsupported("Div of a constant by a tensor that depends on the input (not affine)");
                for (int i = 0; i < k.size(); i++) {
                    if (k.data()[i] == 0) throw c.fail("division by a constant with a zero at index " + i);
                    k.data()[i] = 1 / k.data()[i];
                }
                f = new ElementwiseAffine(k, fill(new int[] {1}, 0));
            }
        }
        layer(c, out, f, x);
    }

    private void clip(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        double lo, hi;
        if (c.opset < 11) {
            lo = c.getFloat("min", Double.NEGATIVE_INFINITY);
            hi = c.getFloat("max", Double.POSITIVE_INFINITY);
        } else {
            Const a = optConst(c, in, 1), b = optConst(c, in, 2);
            if ((a != null && a.size() != 1) || (b != null && b.size() != 1)) throw c.fail("min and max must be scalars");
            lo = a == null ? Double.NEGATIVE_INFINITY : a.values()[0];
            hi = b == null ? Double.POSITIVE_INFINITY : b.values()[0];
        }
        if (lo > hi) throw c.unsupported("Clip with min " + lo + " > max " + hi);
        layer(c, out, new Clip(lo, hi), dyn(c, in.get(0), 0));
    }

    private void prelu(NodeContext c, String out, Dyn x, Const slope) throws OnnxFormatException {
        Tensor s = sampleConstant(c, slope, x.sample());
        // ONNX broadcasts a rank-1 slope [k] against the LAST axis; nn.PReLU reads [C] per channel, so make it explicit
        if (s.rank() == 1 && s.size() > 1 && x.sample().length > 1) {
            int[] sh = new int[x.sample().length];
            Arrays.fill(sh, 1);
            sh[sh.length - 1] = s.size();
            s = s.reshape(sh);
        }
        layer(c, out, new PReLU(s), x);
    }

    private void softmax(NodeContext c, String out, Dyn x) throws OnnxFormatException {
        int rank = x.sample().length + 1;
        long axis = c.getInt("axis", c.opset >= 13 ? -1 : 1);
        if (axis < 0) axis += rank;
        // before opset 13 Softmax flattens the axes from 'axis' on: equal to a last-axis softmax only when that is one axis
        if (axis != rank - 1) throw c.unsupported("Softmax over axis " + c.getInt("axis", c.opset >= 13 ? -1 : 1) + " of a rank-" + rank + " tensor (only the last axis)");
        layer(c, out, new Softmax(), x);
    }

    private void gemm(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        Dyn a = dyn(c, in.get(0), 0);
        Const b = finite(c, cnst(c, in, 1), "input B"), bias = finite(c, optConst(c, in, 2), "input C");
        if (c.getInt("transA", 0) != 0) throw c.unsupported("transA = 1 (it would transpose the batch axis)");
        if (a.sample().length != 1) throw c.fail("input A has samples " + NodeContext.shape(a.sample()) + ", expected a matrix [N, K]");
        if (b.rank() != 2) throw c.fail("input B has shape " + Arrays.toString(b.shape()) + ", expected a matrix");
        boolean tb = c.getInt("transB", 0) != 0;
        double alpha = c.getFloat("alpha", 1.0), beta = c.getFloat("beta", 1.0);
        int k = (int) b.shape()[tb ? 1 : 0], m = (int) b.shape()[tb ? 0 : 1];
        if (k != a.sample()[0]) throw c.fail("input B has shape " + Arrays.toString(b.shape()) + (tb ? " (transB)" : "") + ", which needs K = " + k + " but A has K = " + a.sample()[0]);
        double[] w = new double[m * k];
        for (int o = 0; o < m; o++) for (int i = 0; i < k; i++) w[o * k + i] = alpha * b.values()[tb ? o * k + i : i * m + o];
        Tensor bt = null;
        if (bias != null) {
            long[] s = bias.shape();
            boolean ok = bias.size() == 1 || bias.size() == m && s[s.length - 1] == m;
            if (!ok || s.length > 2 || (s.length == 2 && s[0] != 1)) throw c.unsupported("bias C of shape " + Arrays.toString(s) + " (expected [" + m + "], [1, " + m + "] or a scalar)");
            bt = Tensor.zeros(m);
            for (int o = 0; o < m; o++) bt.data()[o] = beta * bias.values()[bias.size() == 1 ? 0 : o];
        }
        layer(c, out, new Dense(new Tensor(new int[] {m, k}, w), bt), a);
    }

    private void matmul(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        Dyn a = dyn(c, in.get(0), 0);
        Const b = finite(c, cnst(c, in, 1), "input B");
        if (a.sample().length != 1) throw c.unsupported("MatMul of batched samples " + NodeContext.shape(a.sample()) + " (only [N, K] · [K, M])");
        if (b.rank() != 2) throw c.unsupported("MatMul with a constant of shape " + Arrays.toString(b.shape()) + " (only a matrix [K, M])");
        int k = (int) b.shape()[0], m = (int) b.shape()[1];
        if (k != a.sample()[0]) throw c.fail("input shapes [N, " + a.sample()[0] + "] and " + Arrays.toString(b.shape()) + " do not multiply");
        double[] w = new double[m * k];
        for (int o = 0; o < m; o++) for (int i = 0; i < k; i++) w[o * k + i] = b.values()[i * m + o];
        layer(c, out, new Dense(new Tensor(new int[] {m, k}, w), null), a);
    }

    /** Symmetric padding {pH, pW} from 'pads' [top, left, bottom, right] or 'auto_pad'. */
    private int[] pads(NodeContext c, int[] in, int[] k, int[] s, int[] d) throws OnnxFormatException {
        String auto = c.getString("auto_pad", "NOTSET");
        long[] p = c.getInts("pads", new long[4], 4);
        int[] out = new int[2];
        for (int i = 0; i < 2; i++) {
            long begin = p[i], end = p[i + 2];
            switch (auto) {
                case "NOTSET" -> { }
                case "VALID" -> { begin = 0; end = 0; }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    long o = (in[i] + s[i] - 1) / s[i], total = Math.max(0, (o - 1) * s[i] + (long) d[i] * (k[i] - 1) + 1 - in[i]);
                    begin = auto.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                    end = total - begin;
                }
                default -> throw c.fail("attribute 'auto_pad' is '" + auto + "', expected NOTSET, VALID, SAME_UPPER or SAME_LOWER");
            }
            if (begin < 0 || end < 0) throw c.fail("attribute 'pads' " + Arrays.toString(p) + " has negative entries");
            if (begin != end) {
                throw c.unsupported("asymmetric padding " + (auto.equals("NOTSET") ? "pads " + Arrays.toString(p) : "from auto_pad " + auto + ": " + begin + " before, " + end + " after")
                        + " (symmetric padding only)");
            }
            out[i] = c.nonNegative("pads", begin);
        }
        return out;
    }

    private int[] ints2(NodeContext c, String attr, int dflt) throws OnnxFormatException {
        long[] v = c.getInts(attr, new long[] {dflt, dflt}, 2);
        return new int[] {c.positive(attr, v[0]), c.positive(attr, v[1])};
    }

    private void requireImage(NodeContext c, Dyn x) throws OnnxFormatException {
        if (x.sample().length != 3) throw c.unsupported(c.op() + " on samples " + NodeContext.shape(x.sample()) + " (2-D [C, H, W] only)");
    }

    private void conv(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        Dyn x = dyn(c, in.get(0), 0);
        Const w = finite(c, cnst(c, in, 1), "weight"), b = finite(c, optConst(c, in, 2), "bias");
        if (w.rank() != 4) throw c.unsupported("Conv with weight of shape " + Arrays.toString(w.shape()) + " (2-D convolution only)");
        requireImage(c, x);
        int[] ws = w.intShape();
        int groups = c.positive("group", c.getInt("group", 1));
        long[] ks = c.getInts("kernel_shape", null, 2);
        if (ks != null && (ks[0] != ws[2] || ks[1] != ws[3])) throw c.fail("attribute 'kernel_shape' " + Arrays.toString(ks) + " differs from the weight's " + ws[2] + "x" + ws[3]);
        if (ws[1] * groups != x.sample()[0]) throw c.fail("weight " + Arrays.toString(ws) + " with group " + groups + " expects " + ws[1] * groups + " input channels, input has " + NodeContext.shape(x.sample()));
        int[] s = ints2(c, "strides", 1), d = ints2(c, "dilations", 1), k = {ws[2], ws[3]};
        int[] p = pads(c, new int[] {x.sample()[1], x.sample()[2]}, k, s, d);
        if (b != null && (b.rank() != 1 || b.shape()[0] != ws[0])) throw c.fail("bias has shape " + Arrays.toString(b.shape()) + ", expected [" + ws[0] + "]");
        Conv2dSpec spec = new Conv2dSpec(x.sample()[0], ws[0], ws[2], ws[3], s[0], s[1], p[0], p[1], d[0], d[1], groups, PaddingMode.ZEROS, b != null);
        layer(c, out, new Conv2d(spec, w.tensor(), b == null ? null : b.tensor()), x);
    }

    private void convTranspose(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        Dyn x = dyn(c, in.get(0), 0);
        Const w = finite(c, cnst(c, in, 1), "weight"), b = finite(c, optConst(c, in, 2), "bias");
        if (w.rank() != 4) throw c.unsupported("ConvTranspose with weight of shape " + Arrays.toString(w.shape()) + " (2-D only)");
        requireImage(c, x);
        int[] ws = w.intShape();
        int groups = c.positive("group", c.getInt("group", 1));
        if (ws[0] != x.sample()[0]) throw c.fail("weight " + Arrays.toString(ws) + " expects " + ws[0] + " input channels, input has " + NodeContext.shape(x.sample()));
        String auto = c.getString("auto_pad", "NOTSET");
        if (!auto.equals("NOTSET") && !auto.equals("VALID")) throw c.unsupported("ConvTranspose with auto_pad " + auto);
        int[] s = ints2(c, "strides", 1), d = ints2(c, "dilations", 1);
        long[] pl = auto.equals("VALID") ? new long[4] : c.getInts("pads", new long[4], 4);
        if (pl[0] != pl[2] || pl[1] != pl[3]) throw c.unsupported("asymmetric pads " + Arrays.toString(pl) + " (symmetric padding only)");
        long[] op = c.getInts("output_padding", new long[2], 2);
        int outC = ws[1] * groups;
        if (b != null && (b.rank() != 1 || b.shape()[0] != outC)) throw c.fail("bias has shape " + Arrays.toString(b.shape()) + ", expected [" + outC + "]");
        Conv2dSpec spec = new Conv2dSpec(ws[0], outC, ws[2], ws[3], s[0], s[1], c.nonNegative("pads", pl[0]), c.nonNegative("pads", pl[1]), d[0], d[1], groups, PaddingMode.ZEROS, b != null);
        ConvTranspose2d l = new ConvTranspose2d(spec, c.nonNegative("output_padding", op[0]), c.nonNegative("output_padding", op[1]), w.tensor(), b == null ? null : b.tensor());
        long[] os = c.getInts("output_shape", null, -1);
        if (os != null) {
            int[] got = l.outputShape(x.sample());
            long[] tail = Arrays.copyOfRange(os, Math.max(0, os.length - 2), os.length);
            if (tail.length != 2 || tail[0] != got[1] || tail[1] != got[2]) throw c.unsupported("attribute 'output_shape' " + Arrays.toString(os) + " that differs from the size the pads give, " + got[1] + "x" + got[2]);
        }
        layer(c, out, l, x);
    }

    private void batchNorm(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        Dyn x = dyn(c, in.get(0), 0);
        if (c.getInt("training_mode", 0) != 0) throw c.unsupported("BatchNormalization in training mode");
        Const g = finite(c, cnst(c, in, 1), "scale"), bt = finite(c, cnst(c, in, 2), "B"), m = finite(c, cnst(c, in, 3), "input_mean"), v = finite(c, cnst(c, in, 4), "input_var");
        int ch = x.sample().length == 0 ? -1 : x.sample()[0];
        for (Const t : List.of(g, bt, m, v)) {
            if (t.size() != ch) throw c.fail("scale/bias/mean/var have " + t.size() + " entries, the input has " + ch + " channels (" + NodeContext.shape(x.sample()) + ")");
        }
        layer(c, out, ElementwiseAffine.batchNorm(g.tensor().reshape(ch), bt.tensor().reshape(ch), m.tensor().reshape(ch), v.tensor().reshape(ch),
                c.getFloat("epsilon", 1e-5), x.sample().length), x);
    }

    private void maxPool(NodeContext c, String out, Dyn x) throws OnnxFormatException {
        requireImage(c, x);
        long[] kl = c.getInts("kernel_shape", null, 2);
        if (kl == null) throw c.fail("attribute 'kernel_shape' is missing");
        int[] k = {c.positive("kernel_shape", kl[0]), c.positive("kernel_shape", kl[1])};
        int[] s = ints2(c, "strides", 1), d = ints2(c, "dilations", 1);
        int[] p = pads(c, new int[] {x.sample()[1], x.sample()[2]}, k, s, d);
        layer(c, out, new MaxPool2d(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], c.getInt("ceil_mode", 0) != 0), x);
    }

    private void avgPool(NodeContext c, String out, Dyn x) throws OnnxFormatException {
        requireImage(c, x);
        long[] kl = c.getInts("kernel_shape", null, 2);
        if (kl == null) throw c.fail("attribute 'kernel_shape' is missing");
        int[] k = {c.positive("kernel_shape", kl[0]), c.positive("kernel_shape", kl[1])};
        int[] s = ints2(c, "strides", 1), d = ints2(c, "dilations", 1);
        if (d[0] != 1 || d[1] != 1) throw c.unsupported("AveragePool with dilations");
        int[] p = pads(c, new int[] {x.sample()[1], x.sample()[2]}, k, s, d);
        if (p[0] != 0 || p[1] != 0) throw c.unsupported("AveragePool with padding (nn.AvgPool2d has none)");
        if (c.getInt("ceil_mode", 0) != 0) {
            for (int i = 0; i < 2; i++) {
                int n = x.sample()[i + 1], fl = (n - k[i]) / s[i] + 1, ce = (n - k[i] + s[i] - 1) / s[i] + 1;
                if (ce != fl) throw c.unsupported("AveragePool with ceil_mode = 1 where it adds a partial window");
            }
        }
        layer(c, out, new AvgPool2d(k[0], k[1], s[0], s[1]), x);
    }

    private void flatten(NodeContext c, String out, Dyn x) throws OnnxFormatException {
        int rank = x.sample().length + 1;
        long axis = c.getInt("axis", 1);
        if (axis < 0) axis += rank;
        if (axis < 0 || axis > rank) throw c.fail("attribute 'axis' " + c.getInt("axis", 1) + " is out of range for rank " + rank);
        if (axis == 0) throw c.unsupported("Flatten with axis 0 (it merges the batch axis)");
        if (axis == 1) {
            layer(c, out, new Flatten(), x);
            return;
        }
        int[] s = new int[(int) axis];
        System.arraycopy(x.sample(), 0, s, 0, (int) axis - 1);
        long rest = 1;
        for (int i = (int) axis - 1; i < x.sample().length; i++) rest *= x.sample()[i];
        s[(int) axis - 1] = (int) rest;
        layer(c, out, new Reshape(s), x);
    }

    private void reshape(NodeContext c, String out, Dyn x, Const target) throws OnnxFormatException {
        long[] t = target.longs();
        boolean allowZero = c.getInt("allowzero", 0) != 0;
        if (t.length == 0) throw c.unsupported("Reshape to a scalar");
        for (int i = 1; i < t.length; i++) if (target.batch()[i]) throw c.unsupported("Reshape that moves the batch size off axis 0");
        int[] sample = x.sample();
        long size = 1;
        for (int d : sample) size *= d;
        long[] rest = new long[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            rest[i - 1] = t[i] == 0 && !allowZero ? (i <= sample.length ? sample[i - 1] : -2) : t[i];
            if (rest[i - 1] < -1) throw c.fail("Reshape target " + Arrays.toString(t) + " has an invalid entry at position " + i);
        }
        boolean keepsBatch = target.batch()[0] || (t[0] == 0 && !allowZero) || (fixedBatch > 0 && t[0] == fixedBatch);
        if (!keepsBatch && t[0] == -1) { // -1 first: the batch axis survives when the rest covers one sample exactly
            long known = 1;
            boolean hole = false;
            for (long r : rest) { if (r == -1) hole = true; else known *= r; }
            keepsBatch = !hole && known == size;
        }
        if (!keepsBatch) throw c.unsupported("Reshape to " + Arrays.toString(t) + " that changes the batch axis of [N, " + NodeContext.shape(sample).substring(1));
        int[] r = new int[rest.length];
        for (int i = 0; i < r.length; i++) {
            if (rest[i] > Integer.MAX_VALUE) throw c.fail("Reshape target entry " + rest[i] + " is too large");
            r[i] = (int) rest[i];
        }
        Reshape probe = new Reshape(r);
        layer(c, out, new Reshape(probe.outputShape(sample)), x);
    }

    private void transpose(NodeContext c, String out, Dyn x) throws OnnxFormatException {
        int rank = x.sample().length + 1;
        long[] perm = c.getInts("perm", null, rank);
        if (perm == null) throw c.unsupported("Transpose without 'perm' (reverses the batch axis)");
        if (perm[0] != 0) throw c.unsupported("Transpose " + Arrays.toString(perm) + " that moves the batch axis");
        int[] p = new int[rank - 1];
        for (int i = 1; i < rank; i++) {
            if (perm[i] < 1 || perm[i] >= rank) throw c.fail("attribute 'perm' " + Arrays.toString(perm) + " is not a permutation of 0.." + (rank - 1));
            p[i - 1] = (int) perm[i] - 1;
        }
        layer(c, out, new Transpose(p), x);
    }

    private void squeezeOrUnsqueeze(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        Dyn x = dyn(c, in.get(0), 0);
        List<Const> cs = new ArrayList<>();
        cs.add(null);
        if (in.size() > 1) cs.add(cnst(c, in, 1));
        long[] axes = ConstFolder.axes(c, cs);
        long[] full = new long[x.sample().length + 1];
        full[0] = 1;
        for (int i = 0; i < x.sample().length; i++) full[i + 1] = x.sample()[i];
        long[] res;
        if (c.op().equals("Unsqueeze")) {
            if (axes == null) throw c.fail("Unsqueeze without axes");
            for (long a : axes) if (a == 0 || a == -(full.length + axes.length)) throw c.unsupported("Unsqueeze at axis 0 (before the batch axis)");
            res = ConstFolder.unsqueezeShape(c, full, axes);
        } else {
            if (axes == null) throw c.unsupported("Squeeze without axes (it could drop a batch axis of size 1)");
            for (long a : axes) if (ConstFolder.normAxis(c, a, full.length) == 0) throw c.unsupported("Squeeze of the batch axis");
            res = ConstFolder.squeezeShape(c, full, axes);
        }
        int[] s = new int[res.length - 1];
        for (int i = 0; i < s.length; i++) s[i] = (int) res[i + 1];
        layer(c, out, new Reshape(s), x);
    }

    private void concat(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        List<Dyn> xs = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            if (!(in.get(k) instanceof Dyn d)) throw c.unsupported("Concat of a constant with tensors that depend on the input");
            xs.add(d);
        }
        int rank = xs.get(0).sample().length + 1;
        long axis = ConstFolder.normAxis(c, c.getInt("axis", 0), rank);
        if (axis == 0) throw c.unsupported("Concat along the batch axis");
        merge(c, out, new Concat((int) axis - 1), xs);
    }

    private void pad(NodeContext c, String out, List<Object> in) throws OnnxFormatException {
        Dyn x = dyn(c, in.get(0), 0);
        if (!c.getString("mode", "constant").equals("constant")) throw c.unsupported("Pad with mode '" + c.getString("mode", "") + "'");
        long[] p;
        double value;
        if (c.opset < 11) {
            p = c.getInts("pads", null, -1);
            value = c.getFloat("value", 0);
        } else {
            p = cnst(c, in, 1).longs();
            Const v = optConst(c, in, 2);
            value = v == null || v.size() == 0 ? 0 : v.values()[0];
        }
        if (p == null) throw c.fail("Pad without pads");
        boolean zero = true;
        for (long q : p) zero &= q == 0;
        if (!zero) throw c.unsupported("Pad with non-zero pads " + Arrays.toString(p) + " (value " + value + "); only a zero-width Pad, as torch exports before AvgPool, is imported");
        alias(c, out, x);
    }
}
