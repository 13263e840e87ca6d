package io.lipschitz4j.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Evaluates nodes whose inputs are all constants (constant folding), as the shape subgraphs of
 * {@code torch.onnx.export} need ({@code Shape → Gather → Unsqueeze → Concat → Reshape}), and weight
 * preprocessing such as {@code Cast} of float16 initializers. Values that stand for the symbolic batch
 * size travel through Gather/Unsqueeze/Squeeze/Concat/Reshape/Cast/Identity and are refused by arithmetic.
 */
final class ConstFolder {
    private ConstFolder() {}

    static final Set<String> OPS = Set.of("Identity", "Dropout", "Cast", "Gather", "Unsqueeze", "Squeeze", "Concat",
            "Reshape", "Add", "Sub", "Mul", "Div", "Neg", "Shape", "Transpose", "Sqrt", "Reciprocal", "Flatten");

    static Const fold(NodeContext c, List<Const> in) throws OnnxFormatException {
        switch (c.op()) {
            case "Identity", "Dropout": return need(c, in, 1).get(0);
            case "Cast": return cast(c, need(c, in, 1).get(0));
            case "Gather": return gather(c, need(c, in, 2).get(0), in.get(1));
            case "Unsqueeze": return unsqueeze(c, in);
            case "Squeeze": return squeeze(c, in);
            case "Concat": return concat(c, in);
            case "Reshape": return reshape(c, need(c, in, 2).get(0), in.get(1));
            case "Flatten": {
                Const x = need(c, in, 1).get(0);
                int axis = (int) normAxis(c, c.getInt("axis", 1), x.rank() + 1);
                long a = 1, b = 1;
                for (int i = 0; i < x.rank(); i++) if (i < axis) a *= x.shape()[i]; else b *= x.shape()[i];
                return new Const(x.dataType(), new long[] {a, b}, x.values(), x.batch());
            }
            case "Shape": {
                Const x = need(c, in, 1).get(0);
                return Const.ints(x.shape());
            }
            case "Transpose": return transpose(c, need(c, in, 1).get(0));
            case "Neg": return map(c, need(c, in, 1).get(0), v -> -v);
            case "Sqrt": return map(c, need(c, in, 1).get(0), Math::sqrt);
            case "Reciprocal": return map(c, need(c, in, 1).get(0), v -> 1 / v);
            case "Add", "Sub", "Mul", "Div": return arithmetic(c, need(c, in, 2).get(0), in.get(1));
            default: throw c.unsupported("constant folding of " + c.op());
        }
    }

    private static List<Const> need(NodeContext c, List<Const> in, int k) throws OnnxFormatException {
        if (in.size() < k) throw c.fail("has " + in.size() + " inputs, expected " + k);
        return in;
    }

    static long normAxis(NodeContext c, long axis, int rank) throws OnnxFormatException {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw c.fail("axis " + axis + " is out of range for rank " + rank);
        return a;
    }

    private static Const map(NodeContext c, Const x, java.util.function.DoubleUnaryOperator f) throws OnnxFormatException {
        if (x.hasBatch()) throw c.unsupported("arithmetic on the batch size");
        double[] v = new double[x.size()];
        for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(x.values()[i]);
        return Const.of(x.dataType(), x.shape(), v);
    }

    private static Const cast(NodeContext c, Const x) throws OnnxFormatException {
        int to = (int) c.getInt("to", -1);
        if (DataTypes.bytes(to) < 0) throw c.unsupported("Cast to " + DataTypes.name(to));
        double[] v = x.values().clone();
        for (int i = 0; i < v.length; i++) {
            if (to == DataTypes.FLOAT) v[i] = (float) v[i];
            else if (to == DataTypes.BOOL) v[i] = v[i] != 0 ? 1 : 0;
            else if (!DataTypes.isFloat(to)) v[i] = Double.isFinite(v[i]) ? (double) (long) v[i] : 0;
        }
        return new Const(to, x.shape(), v, x.batch());
    }

    private static Const gather(NodeContext c, Const data, Const idx) throws OnnxFormatException {
        if (data.rank() == 0) throw c.fail("Gather of a scalar");
        int axis = (int) normAxis(c, c.getInt("axis", 0), data.rank());
        long[] ds = data.shape();
        long outer = 1, inner = 1, n = ds[axis];
        for (int i = 0; i < axis; i++) outer *= ds[i];
        for (int i = axis + 1; i < ds.length; i++) inner *= ds[i];
        long[] is = idx.longs();
        long[] shape = new long[ds.length - 1 + idx.rank()];
        System.arraycopy(ds, 0, shape, 0, axis);
        System.arraycopy(idx.shape(), 0, shape, axis, idx.rank());
        System.arraycopy(ds, axis + 1, shape, axis + idx.rank(), ds.length - axis - 1);
        double[] v = new double[checkSize(c, shape)];
        boolean[] b = new boolean[v.length];
        int k = 0;
        for (long o = 0; o < outer; o++) {
            for (long j : is) {
                long jj = j < 0 ? j + n : j;
                if (jj < 0 || jj >= n) throw c.fail("Gather index " + j + " is out of range for axis of size " + n);
                for (long q = 0; q < inner; q++, k++) {
                    int src = (int) ((o * n + jj) * inner + q);
                    v[k] = data.values()[src];
                    b[k] = data.batch()[src];
                }
            }
        }
        return new Const(data.dataType(), shape, v, b);
    }

    /** The axes of Unsqueeze/Squeeze: attribute before opset 13, second input from 13 on. */
    static long[] axes(NodeContext c, List<Const> in) throws OnnxFormatException {
        if (c.opset < 13) return c.getInts("axes", null, -1);
        return in.size() > 1 && in.get(1) != null ? in.get(1).longs() : null;
    }

    private static Const unsqueeze(NodeContext c, List<Const> in) throws OnnxFormatException {
        Const x = in.get(0);
        long[] axes = axes(c, in);
        if (axes == null) throw c.fail("Unsqueeze without axes");
        return new Const(x.dataType(), unsqueezeShape(c, x.shape(), axes), x.values(), x.batch());
    }

    static long[] unsqueezeShape(NodeContext c, long[] s, long[] axes) throws OnnxFormatException {
        int r = s.length + axes.length;
        boolean[] ins = new boolean[r];
        for (long a : axes) {
            int k = (int) normAxis(c, a, r);
            if (ins[k]) throw c.fail("Unsqueeze axis " + a + " repeated");
            ins[k] = true;
        }
        long[] out = new long[r];
        for (int i = 0, j = 0; i < r; i++) out[i] = ins[i] ? 1 : s[j++];
        return out;
    }

    private static Const squeeze(NodeContext c, List<Const> in) throws OnnxFormatException {
        Const x = in.get(0);
        return new Const(x.dataType(), squeezeShape(c, x.shape(), axes(c, in)), x.values(), x.batch());
    }

    static long[] squeezeShape(NodeContext c, long[] s, long[] axes) throws OnnxFormatException {
        boolean[] drop = new boolean[s.length];
        if (axes == null) {
            for (int i = 0; i < s.length; i++) drop[i] = s[i] == 1;
        } else {
            for (long a : axes) {
                int k = (int) normAxis(c, a, s.length);
                if (s[k] != 1) throw c.fail("Squeeze axis " + a + " has size " + s[k] + ", expected 1");
                drop[k] = true;
            }
        }
        return java.util.stream.IntStream.range(0, s.length).filter(i -> !drop[i]).mapToLong(i -> s[i]).toArray();
    }

    private static Const concat(NodeContext c, List<Const> in) throws OnnxFormatException {
        if (in.isEmpty()) throw c.fail("Concat without inputs");
        Const f = in.get(0);
        if (f.rank() == 0) throw c.fail("Concat of scalars");
        int axis = (int) normAxis(c, c.getInt("axis", 0), f.rank());
        long[] shape = f.shape().clone();
        shape[axis] = 0;
        for (Const x : in) {
            if (x.rank() != f.rank()) throw c.fail("Concat inputs have ranks " + f.rank() + " and " + x.rank());
            for (int i = 0; i < shape.length; i++) {
                if (i != axis && x.shape()[i] != f.shape()[i]) throw c.fail("Concat inputs differ in shape: " + Arrays.toString(f.shape()) + " and " + Arrays.toString(x.shape()));
            }
            shape[axis] += x.shape()[axis];
        }
        long outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape[i];
        for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
        double[] v = new double[(int) (outer * shape[axis] * inner)];
        boolean[] b = new boolean[v.length];
        int k = 0;
        for (long o = 0; o < outer; o++) {
            for (Const x : in) {
                int row = (int) (x.shape()[axis] * inner), src = (int) (o * row);
                System.arraycopy(x.values(), src, v, k, row);
                System.arraycopy(x.batch(), src, b, k, row);
                k += row;
            }
        }
        return new Const(f.dataType(), shape, v, b);
    }

    private static Const reshape(NodeContext c, Const x, Const target) throws OnnxFormatException {
        if (target.hasBatch()) throw c.unsupported("Reshape of a constant to a batch-dependent shape");
        long[] t = target.longs();
        long known = 1;
        int hole = -1;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == 0 && c.getInt("allowzero", 0) == 0) t[i] = i < x.rank() ? x.shape()[i] : fail(c, "Reshape dim 0 at position " + i + " beyond the input rank");
            if (t[i] == -1) {
                if (hole >= 0) throw c.fail("Reshape target " + Arrays.toString(target.longs()) + " has more than one -1");
                hole = i;
            } else if (t[i] < 0) {
                throw c.fail("Reshape target has negative dim " + t[i]);
            } else {
                known *= t[i];
            }
        }
        if (hole >= 0) {
            if (known == 0 || x.size() % known != 0) throw c.fail("cannot reshape " + Arrays.toString(x.shape()) + " to " + Arrays.toString(target.longs()));
            t[hole] = x.size() / known;
        } else if (known != x.size()) {
            throw c.fail("cannot reshape " + Arrays.toString(x.shape()) + " to " + Arrays.toString(target.longs()));
        }
        return new Const(x.dataType(), t, x.values(), x.batch());
    }

    private static long fail(NodeContext c, String m) throws OnnxFormatException { throw c.fail(m); }

    private static Const transpose(NodeContext c, Const x) throws OnnxFormatException {
        int r = x.rank();
        long[] perm = c.getInts("perm", null, r);
        if (perm == null) {
            perm = new long[r];
            for (int i = 0; i < r; i++) perm[i] = r - 1 - i;
        }
        boolean[] seen = new boolean[r];
        for (long p : perm) {
            if (p < 0 || p >= r || seen[(int) p]) throw c.fail("attribute 'perm' " + Arrays.toString(perm) + " is not a permutation of 0.." + (r - 1));
            seen[(int) p] = true;
        }
        long[] s = x.shape(), out = new long[r], stride = new long[r];
        for (int i = r - 1, k = 1; i >= 0; k *= (int) s[i], i--) stride[i] = k;
        for (int i = 0; i < r; i++) out[i] = s[(int) perm[i]];
        double[] v = new double[x.size()];
        boolean[] b = new boolean[x.size()];
        int[] idx = new int[r];
        for (int q = 0; q < v.length; q++) {
            long src = 0;
            for (int i = 0; i < r; i++) src += idx[i] * stride[(int) perm[i]];
            v[q] = x.values()[(int) src];
            b[q] = x.batch()[(int) src];
            for (int ax = r - 1; ax >= 0; ax--) {
                if (++idx[ax] < out[ax]) break;
                idx[ax] = 0;
            }
        }
        return new Const(x.dataType(), out, v, b);
    }

    /** The element count of a folded result, refusing sizes beyond {@link TensorDecoder#MAX_ELEMENTS}. */
    static int checkSize(NodeContext c, long[] shape) throws OnnxFormatException {
        long n = 1;
        for (long d : shape) {
            if (d < 0 || (d > 0 && n > TensorDecoder.MAX_ELEMENTS / d)) throw c.fail("folded constant of shape " + Arrays.toString(shape) + " is too large");
            n *= d;
        }
        return (int) n;
    }

    /** NumPy-broadcast a ∘ b. Integer division truncates, as ONNX Div on integer tensors. */
    private static Const arithmetic(NodeContext c, Const a, Const b) throws OnnxFormatException {
        if (a.hasBatch() || b.hasBatch()) throw c.unsupported("arithmetic on the batch size (shape computations must keep the batch axis as it is)");
        int r = Math.max(a.rank(), b.rank());
        long[] shape = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.rank() ? 1 : a.shape()[i - (r - a.rank())], db = i < r - b.rank() ? 1 : b.shape()[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) throw c.fail("input shapes " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()) + " do not broadcast");
            shape[i] = da == 1 ? db : da;
        }
        int n = checkSize(c, shape);
        int[] ia = index(a.shape(), shape), ib = index(b.shape(), shape);
        boolean integer = !DataTypes.isFloat(a.dataType()) && !DataTypes.isFloat(b.dataType());
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = a.values()[ia[i]], y = b.values()[ib[i]];
            v[i] = switch (c.op()) {
                case "Add" -> x + y;
                case "Sub" -> x - y;
                case "Mul" -> x * y;
                default -> {
                    if (integer && y == 0) throw c.fail("integer division by zero");
                    yield integer ? (double) ((long) x / (long) y) : x / y;
                }
            };
        }
        return Const.of(a.dataType(), shape, v);
    }

    /** For each C-order index of {@code to}, the index in {@code from} (NumPy broadcasting, right-aligned). */
    static int[] index(long[] from, long[] to) {
        int r = to.length, off = r - from.length;
        long[] stride = new long[r];
        long s = 1;
        for (int i = r - 1; i >= 0; i--) {
            long d = i < off ? 1 : from[i - off];
            stride[i] = d == 1 ? 0 : s;
            s *= d;
        }
        int n = 1;
        for (long d : to) n *= (int) d;
        int[] out = new int[n], idx = new int[r];
        for (int k = 0; k < n; k++) {
            long cur = 0;
            for (int i = 0; i < r; i++) cur += idx[i] * stride[i];
            out[k] = (int) cur;
            for (int ax = r - 1; ax >= 0; ax--) {
                if (++idx[ax] < to[ax]) break;
                idx[ax] = 0;
            }
        }
        return out;
    }
}
