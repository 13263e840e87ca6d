package io.lipschitz4j.onnx;

import io.lipschitz4j.onnx.proto.Onnx.AttributeProto;
import io.lipschitz4j.onnx.proto.Onnx.NodeProto;
import io.lipschitz4j.onnx.proto.Onnx.TensorProto;

import java.util.Arrays;

/**
 * One ONNX node while it is imported: typed attribute access with defaults and length checks, and
 * errors that name the file, the node and its operator
 * ({@code model.onnx: node 'Conv_3' (Conv): attribute 'pads' has 3 values, expected 4}).
 */
final class NodeContext {
    final String file;
    final NodeProto node;
    final String name;
    final long opset;

    NodeContext(String file, NodeProto node, String name, long opset) {
        this.file = file;
        this.node = node;
        this.name = name;
        this.opset = opset;
    }

    String op() { return node.getOpType(); }

    OnnxFormatException fail(String message) {
        return new OnnxFormatException(file + ": node '" + name + "' (" + op() + "): " + message);
    }

    /** An error for a supported operator used in a way the importer does not support. */
    OnnxFormatException unsupported(String message) {
        return fail("not supported: " + message);
    }

    private AttributeProto find(String attr) {
        for (AttributeProto a : node.getAttributeList()) if (a.getName().equals(attr)) return a;
        return null;
    }

    boolean has(String attr) { return find(attr) != null; }

    private AttributeProto typed(String attr, AttributeProto.AttributeType type) throws OnnxFormatException {
        AttributeProto a = find(attr);
        if (a == null) return null;
        // files written before the type field (IR < 2) leave it UNDEFINED; accept those
        if (a.getType() != type && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
            throw fail("attribute '" + attr + "' has type " + a.getType() + ", expected " + type);
        }
        return a;
    }

    long getInt(String attr, long dflt) throws OnnxFormatException {
        AttributeProto a = typed(attr, AttributeProto.AttributeType.INT);
        return a == null ? dflt : a.getI();
    }

    double getFloat(String attr, double dflt) throws OnnxFormatException {
        AttributeProto a = typed(attr, AttributeProto.AttributeType.FLOAT);
        return a == null ? dflt : a.getF();
    }

    String getString(String attr, String dflt) throws OnnxFormatException {
        AttributeProto a = typed(attr, AttributeProto.AttributeType.STRING);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    /** An INTS attribute, or {@code dflt} (may be null) when absent; {@code len} ≥ 0 checks the length. */
    long[] getInts(String attr, long[] dflt, int len) throws OnnxFormatException {
        AttributeProto a = typed(attr, AttributeProto.AttributeType.INTS);
        if (a == null) return dflt;
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) v[i] = a.getInts(i);
        if (len >= 0 && v.length != len) throw fail("attribute '" + attr + "' has " + v.length + " values, expected " + len);
        return v;
    }

    float[] getFloats(String attr) throws OnnxFormatException {
        AttributeProto a = typed(attr, AttributeProto.AttributeType.FLOATS);
        if (a == null) return null;
        float[] v = new float[a.getFloatsCount()];
        for (int i = 0; i < v.length; i++) v[i] = a.getFloats(i);
        return v;
    }

    TensorProto getTensor(String attr) throws OnnxFormatException {
        AttributeProto a = typed(attr, AttributeProto.AttributeType.TENSOR);
        return a == null ? null : a.getT();
    }

    /** A small positive int from an INTS entry (kernel sizes, strides), with a clear error otherwise. */
    int positive(String attr, long v) throws OnnxFormatException {
        if (v < 1 || v > 1 << 20) throw fail("attribute '" + attr + "' has value " + v + ", expected a positive size");
        return (int) v;
    }

    int nonNegative(String attr, long v) throws OnnxFormatException {
        if (v < 0 || v > 1 << 20) throw fail("attribute '" + attr + "' has value " + v + ", expected a size >= 0");
        return (int) v;
    }

    static String shape(int[] s) { return Arrays.toString(s); }
}
