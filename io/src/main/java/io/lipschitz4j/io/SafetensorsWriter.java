package io.lipschitz4j.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.linalg.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes safetensors files (see {@link SafetensorsReader} for the layout) as F64 (exact) or F32
 * (each double rounded to the nearest float). Tensors are laid out in the map's iteration order; the
 * JSON header (written with Jackson, {@code __metadata__} first when given) is padded with spaces so
 * the data buffer starts at a multiple of 8 bytes, as the reference implementation does. The file is
 * replaced atomically (temporary file in the same directory, then an atomic rename). Cost O(n).
 */
public final class SafetensorsWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SafetensorsWriter() {}

    /** Writes {@code tensors} as {@code dtype} (F64 or F32) with optional {@code metadata} (may be empty or null). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, SafetensorsDtype dtype) throws IOException {
        byte[] header = header(tensors, metadata, dtype);
        AtomicFiles.write(file, out -> write(out, header, tensors, dtype));
    }

    /** {@link #write(Path, Map, Map, SafetensorsDtype)} as F64 without metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, null, SafetensorsDtype.F64);
    }

    /** Writes the file's bytes to {@code out}, which is flushed but not closed. */
    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata, SafetensorsDtype dtype) throws IOException {
        write(out, header(tensors, metadata, dtype), tensors, dtype);
    }

    private static void write(OutputStream out, byte[] header, Map<String, Tensor> tensors, SafetensorsDtype dtype) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(len.array());
        out.write(header);
        int chunk = 1 << 13;
        ByteBuffer buf = ByteBuffer.allocate(chunk * dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            double[] d = t.data();
            for (int i = 0; i < d.length; ) {
                int n = Math.min(chunk, d.length - i);
                for (int j = 0; j < n; j++) dtype.put(buf, j, d[i + j]);
                out.write(buf.array(), 0, n * dtype.size());
                i += n;
            }
        }
        out.flush();
    }

    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata, SafetensorsDtype dtype) {
        if (dtype != SafetensorsDtype.F64 && dtype != SafetensorsDtype.F32) {
            throw new IllegalArgumentException("writing " + dtype + " is not supported; write F64 or F32");
        }
        ObjectNode root = MAPPER.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = root.putObject(SafetensorsReader.METADATA);
            metadata.forEach(m::put);
        }
        long at = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(SafetensorsReader.METADATA)) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            ObjectNode o = root.putObject(name);
            o.put("dtype", dtype.name());
            ArrayNode shape = o.putArray("shape");
            for (int d : e.getValue().shape()) shape.add(d);
            long end = at + (long) e.getValue().size() * dtype.size();
            o.putArray("data_offsets").add(at).add(end);
            at = end;
        }
        StringBuilder json;
        try {
            json = new StringBuilder(MAPPER.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        byte[] b = json.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - b.length % 8) % 8;
        return (json + " ".repeat(pad)).getBytes(StandardCharsets.UTF_8);
    }
}
