package io.lipschitz4j.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lipschitz4j.linalg.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads safetensors files (Hugging Face's format; <a href="https://github.com/huggingface/safetensors">spec</a>):
 * 8 bytes little-endian unsigned header length N, N bytes of UTF-8 JSON, then the data buffer. The
 * header maps each tensor name to {@code {"dtype": ..., "shape": [...], "data_offsets": [begin, end]}}
 * (offsets relative to the buffer), plus an optional {@code "__metadata__"} map of strings.
 *
 * <p>Validated before any data is read, each failure an {@link ArrayFormatException} naming the file,
 * the tensor ({@code file[tensor]}) and the field: header length (at least 2, at most 100 MB and
 * within the file), JSON syntax (duplicate keys refused), that the header is an object, each entry's
 * fields (no unknown ones), a supported dtype ({@link SafetensorsDtype}), a shape of non-negative
 * integers, offsets with begin ≤ end, that dtype size × number of elements equals end − begin, and that
 * the entries, sorted by offset, tile the buffer exactly: the first begins at 0, each begins where the
 * previous ends (no overlap, no hole), the last ends at the end of the file (no trailing bytes).
 *
 * <p>Cost O(file size); memory the buffer once plus the doubles.
 */
public final class SafetensorsReader {
    /** The reference implementation's limit on the header size. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA = "__metadata__";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SafetensorsReader() {}

    private record Entry(String name, SafetensorsDtype dtype, int[] shape, long begin, long end) {}

    /** Reads every tensor of {@code file}. */
    public static Safetensors read(Path file) throws IOException {
        InputName in = InputName.of(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw in.error("header length", "file of " + size + " bytes", "at least 8 bytes of header length");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, in, "header length");
            long n = lenBuf.getLong(0);
            if (n < 2 || n > MAX_HEADER_BYTES || n > size - 8) {
                throw in.error("header length", Long.toUnsignedString(n) + " bytes in a file of " + size + " bytes",
                        "2 to " + Math.min(MAX_HEADER_BYTES, Math.max(2, size - 8)) + " bytes");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8, in, "header");
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
            } catch (CharacterCodingException e) {
                throw in.error("header", "not valid UTF-8", "a UTF-8 JSON object");
            }
            long bufferStart = 8 + n, bufferLength = size - bufferStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = parseHeader(text, in, metadata);
            checkLayout(entries, bufferLength, in);
            if (bufferLength > Integer.MAX_VALUE - 8) throw in.error("data", bufferLength + " bytes of data", "at most 2 GiB");
            ByteBuffer data = ByteBuffer.allocate((int) bufferLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, data, bufferStart, in, "data");
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, SafetensorsDtype> dtypes = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer slice = data.slice((int) e.begin, (int) (e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN);
                double[] d = new double[(int) ((e.end - e.begin) / e.dtype.size())];
                for (int i = 0; i < d.length; i++) d[i] = e.dtype.get(slice, i);
                tensors.put(e.name, new Tensor(e.shape, d));
                dtypes.put(e.name, e.dtype);
            }
            return new Safetensors(tensors, dtypes, metadata);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos, InputName in, String field) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) throw in.error(field, "file ends early", b.capacity() + " bytes");
        }
    }

    /** Entries in header order; fills {@code metadata}. */
    private static List<Entry> parseHeader(String text, InputName in, Map<String, String> metadata) throws ArrayFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            throw in.error("header", "invalid JSON: " + (msg.length() > 160 ? msg.substring(0, 160) + "..." : msg), "a JSON object");
        }
        if (root == null || !root.isObject()) {
            throw in.error("header", "JSON " + (root == null ? "empty" : root.getNodeType().toString().toLowerCase()), "a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals(METADATA)) {
                InputName m = in.member(METADATA);
                if (!v.isObject()) throw m.error("header", "not an object", "a map of strings");
                for (Iterator<Map.Entry<String, JsonNode>> mi = v.fields(); mi.hasNext(); ) {
                    Map.Entry<String, JsonNode> kv = mi.next();
                    if (!kv.getValue().isTextual()) throw m.error(kv.getKey(), "value " + kv.getValue(), "a string");
                    metadata.put(kv.getKey(), kv.getValue().textValue());
                }
                continue;
            }
            entries.add(parseEntry(name, v, in.member(name)));
        }
        return entries;
    }

    private static Entry parseEntry(String name, JsonNode v, InputName t) throws ArrayFormatException {
        if (!v.isObject()) throw t.error("header", "entry is " + v.getNodeType().toString().toLowerCase(), "an object with dtype, shape, data_offsets");
        for (Iterator<String> k = v.fieldNames(); k.hasNext(); ) {
            String key = k.next();
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw t.error(key, "unknown field", "only dtype, shape, data_offsets");
            }
        }
        JsonNode dt = v.get("dtype");
        if (dt == null || !dt.isTextual()) throw t.error("dtype", dt == null ? "missing" : "not a string: " + dt, "F64, F32, F16, BF16, I64 or I32");
        SafetensorsDtype dtype = SafetensorsDtype.parse(dt.textValue());
        if (dtype == null) throw t.error("dtype", "unsupported dtype '" + dt.textValue() + "'", "F64, F32, F16, BF16, I64 or I32");
        JsonNode sh = v.get("shape");
        if (sh == null || !sh.isArray()) throw t.error("shape", sh == null ? "missing" : "not an array: " + sh, "an array of non-negative integers");
        int[] shape = new int[sh.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
                throw t.error("shape", "dimension " + d + " at axis " + i, "a non-negative integer below 2^31");
            }
            shape[i] = d.intValue();
            count = count * shape[i];
            if (count > Integer.MAX_VALUE) throw t.error("shape", "more than 2^31 elements", "a shape that fits a Java array");
        }
        JsonNode off = v.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()
                || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
            throw t.error("data_offsets", off == null ? "missing" : String.valueOf(off), "[begin, end], two integers");
        }
        long begin = off.get(0).longValue(), end = off.get(1).longValue();
        if (begin < 0 || end < begin) throw t.error("data_offsets", "[" + begin + ", " + end + "]", "0 <= begin <= end");
        long bytes = count * dtype.size();
        if (end - begin != bytes) {
            throw t.error("data_offsets", "span of " + (end - begin) + " bytes for " + count + " " + dtype + " elements of shape "
                    + java.util.Arrays.toString(shape), bytes + " bytes (" + dtype.size() + " per element)");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static void checkLayout(List<Entry> entries, long bufferLength, InputName in) throws ArrayFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        for (Entry e : sorted) {
            InputName t = in.member(e.name);
            if (e.end > bufferLength) {
                throw t.error("data_offsets", "[" + e.begin + ", " + e.end + "] past the end of the " + bufferLength + "-byte data buffer",
                        "offsets within the file");
            }
            if (e.begin < at) throw t.error("data_offsets", "[" + e.begin + ", " + e.end + "] overlaps the previous tensor, which ends at " + at, "non-overlapping offsets");
            if (e.begin > at) throw t.error("data_offsets", "[" + e.begin + ", " + e.end + "] leaves a hole after byte " + at, "contiguous offsets beginning at " + at);
            at = e.end;
        }
        if (at != bufferLength) {
            throw in.error("data", (bufferLength - at) + " bytes after the last tensor", "the tensors to fill the " + bufferLength + "-byte data buffer exactly");
        }
    }
}
