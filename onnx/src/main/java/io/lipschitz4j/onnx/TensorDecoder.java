package io.lipschitz4j.onnx;

import com.google.protobuf.ByteString;
import io.lipschitz4j.onnx.proto.Onnx.StringStringEntryProto;
import io.lipschitz4j.onnx.proto.Onnx.TensorProto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Decodes a {@code TensorProto} (initializer or Constant value) into a {@link Const}: raw_data
 * (little-endian, as ONNX specifies) or the typed fields (float_data, double_data, int64_data, int32_data
 * which also carries float16/bfloat16 bits and small integers), or external data
 * (data_location = EXTERNAL with location/offset/length relative to the model's directory). Every size is
 * checked against the dims before anything is allocated, so a corrupt file gives a clear error instead of
 * an out-of-memory or an index exception.
 */
final class TensorDecoder {
    private TensorDecoder() {}

    /** Largest tensor read (elements), far above the small models this library certifies. */
    static final long MAX_ELEMENTS = 1L << 28;

    /**
     * @param what    for messages, e.g. "initializer 'fc.weight'"
     * @param baseDir directory of the model file (for external data), or null when unknown
     */
    static Const decode(TensorProto t, String what, Path baseDir, String file) throws OnnxFormatException {
        String where = file + ": " + what;
        long[] dims = new long[t.getDimsCount()];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
            if (dims[i] < 0) throw new OnnxFormatException(where + ": field 'dims' has negative entry " + dims[i]);
            n = dims[i] == 0 ? 0 : n;
            if (n != 0 && dims[i] > MAX_ELEMENTS / Math.max(1, n)) throw new OnnxFormatException(where + ": dims " + java.util.Arrays.toString(dims) + " exceed " + MAX_ELEMENTS + " elements");
            n *= dims[i];
        }
        if (n > MAX_ELEMENTS) throw new OnnxFormatException(where + ": dims " + java.util.Arrays.toString(dims) + " exceed " + MAX_ELEMENTS + " elements");
        int count = (int) n, type = t.getDataType();
        if (t.hasSegment()) throw new OnnxFormatException(where + ": segmented tensors (field 'segment') are not supported");
        if (type == DataTypes.STRING || DataTypes.bytes(type) < 0) {
            throw new OnnxFormatException(where + ": data_type " + DataTypes.name(type) + " is not supported (float16/32/64, bfloat16 and integer types are)");
        }
        double[] v;
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            v = fromRaw(readExternal(t, count * (long) DataTypes.bytes(type), where, baseDir), type, count, where + " (external data)");
        } else if (t.hasRawData()) {
            v = fromRaw(t.getRawData(), type, count, where);
        } else {
            v = fromTyped(t, type, count, where);
        }
        return Const.of(type, dims, v);
    }

    private static double[] fromRaw(ByteString raw, int type, int count, String where) throws OnnxFormatException {
        int size = DataTypes.bytes(type);
        if (raw.size() != (long) count * size) {
            throw new OnnxFormatException(where + ": raw_data has " + raw.size() + " bytes, expected " + count + " " + DataTypes.name(type) + " values = " + (long) count * size + " bytes");
        }
        ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = switch (type) {
                case DataTypes.FLOAT -> b.getFloat();
                case DataTypes.DOUBLE -> b.getDouble();
                case DataTypes.INT64 -> b.getLong();
                case DataTypes.UINT64 -> unsigned(b.getLong());
                case DataTypes.INT32 -> b.getInt();
                case DataTypes.UINT32 -> Integer.toUnsignedLong(b.getInt());
                case DataTypes.FLOAT16 -> DataTypes.halfToDouble(b.getShort() & 0xffff);
                case DataTypes.BFLOAT16 -> DataTypes.bfloat16ToDouble(b.getShort() & 0xffff);
                case DataTypes.INT16 -> b.getShort();
                case DataTypes.UINT16 -> b.getShort() & 0xffff;
                case DataTypes.INT8 -> b.get();
                case DataTypes.UINT8, DataTypes.BOOL -> b.get() & 0xff;
                default -> throw new OnnxFormatException(where + ": data_type " + DataTypes.name(type) + " is not supported");
            };
        }
        return v;
    }

    private static double unsigned(long x) { return x >= 0 ? x : (double) (x >>> 1) * 2.0 + (x & 1); }

    private static double[] fromTyped(TensorProto t, int type, int count, String where) throws OnnxFormatException {
        String field;
        int have;
        switch (type) {
            case DataTypes.FLOAT -> { field = "float_data"; have = t.getFloatDataCount(); }
            case DataTypes.DOUBLE -> { field = "double_data"; have = t.getDoubleDataCount(); }
            case DataTypes.INT64 -> { field = "int64_data"; have = t.getInt64DataCount(); }
            case DataTypes.UINT32, DataTypes.UINT64 -> { field = "uint64_data"; have = t.getUint64DataCount(); }
            default -> { field = "int32_data"; have = t.getInt32DataCount(); }
        }
        if (have != count) {
            String hint = have == 0 ? " (no data: a missing or empty tensor)" : "";
            throw new OnnxFormatException(where + ": field '" + field + "' has " + have + " values, expected " + count + " for dims" + hint);
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = switch (type) {
                case DataTypes.FLOAT -> t.getFloatData(i);
                case DataTypes.DOUBLE -> t.getDoubleData(i);
                case DataTypes.INT64 -> t.getInt64Data(i);
                case DataTypes.UINT32, DataTypes.UINT64 -> unsigned(t.getUint64Data(i));
                case DataTypes.FLOAT16 -> DataTypes.halfToDouble(t.getInt32Data(i) & 0xffff);
                case DataTypes.BFLOAT16 -> DataTypes.bfloat16ToDouble(t.getInt32Data(i) & 0xffff);
                case DataTypes.UINT16 -> t.getInt32Data(i) & 0xffff;
                case DataTypes.UINT8, DataTypes.BOOL -> t.getInt32Data(i) & 0xff;
                default -> t.getInt32Data(i);
            };
        }
        return v;
    }

    /** The bytes of an external tensor: location inside the model directory, offset + length inside the file. */
    private static ByteString readExternal(TensorProto t, long expected, String where, Path baseDir) throws OnnxFormatException {
        String location = null;
        long offset = 0, length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            try {
                switch (e.getKey()) {
                    case "location" -> location = e.getValue();
                    case "offset" -> offset = Long.parseLong(e.getValue());
                    case "length" -> length = Long.parseLong(e.getValue());
                    default -> { } // checksum and others: not needed to read the bytes
                }
            } catch (NumberFormatException ex) {
                throw new OnnxFormatException(where + ": external_data '" + e.getKey() + "' is '" + e.getValue() + "', expected an integer");
            }
        }
        if (location == null || location.isEmpty()) throw new OnnxFormatException(where + ": data_location is EXTERNAL but external_data has no 'location'");
        if (baseDir == null) throw new OnnxFormatException(where + ": external data '" + location + "' needs the model's directory");
        if (offset < 0) throw new OnnxFormatException(where + ": external_data 'offset' is " + offset + ", must be >= 0");
        if (length >= 0 && length != expected) throw new OnnxFormatException(where + ": external_data 'length' is " + length + " bytes, expected " + expected + " for dims and type");
        Path rel;
        try {
            rel = Path.of(location);
        } catch (java.nio.file.InvalidPathException ex) {
            throw new OnnxFormatException(where + ": external_data 'location' '" + location + "' is not a valid path");
        }
        Path base = baseDir.toAbsolutePath().normalize(), p = base.resolve(rel).normalize();
        if (rel.isAbsolute() || !p.startsWith(base)) {
            throw new OnnxFormatException(where + ": external_data 'location' '" + location + "' must be a relative path inside the model's directory " + base);
        }
        if (!Files.isRegularFile(p)) throw new OnnxFormatException(where + ": external data file " + p + " does not exist");
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset + expected > size) {
                throw new OnnxFormatException(where + ": external data " + p.getFileName() + " has " + size + " bytes, the tensor needs bytes " + offset + ".." + (offset + expected));
            }
            ByteBuffer buf = ByteBuffer.allocate((int) expected);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) throw new OnnxFormatException(where + ": external data " + p.getFileName() + " ended early");
            }
            buf.flip();
            return ByteString.copyFrom(buf);
        } catch (IOException ex) {
            if (ex instanceof OnnxFormatException f) throw f;
            throw new OnnxFormatException(where + ": cannot read external data " + p + ": " + ex.getMessage(), ex);
        }
    }
}
