package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.spectral.Bound;

/** The JSON conventions of the CLI: one shared mapper, bounds written with every field. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static ObjectNode object() { return MAPPER.createObjectNode(); }

    /** A Bound as JSON: value, kind, certified, errorTerm, method, iterations, status, residual, seconds. */
    public static ObjectNode bound(Bound b) {
        ObjectNode o = object();
        putNumber(o, "value", b.value());
        o.put("kind", b.kind().name());
        o.put("certified", b.certified());
        putNumber(o, "errorTerm", b.errorTerm());
        o.put("method", b.method());
        o.put("iterations", b.iterations());
        o.put("status", b.status().name());
        putNumber(o, "residual", b.residual());
        o.put("seconds", b.time().toNanos() / 1e9);
        return o;
    }

    /** JSON has no NaN or Infinity: those become null (never a silent number). */
    public static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }

    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
