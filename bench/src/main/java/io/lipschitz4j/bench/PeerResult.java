package io.lipschitz4j.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of {@code peers.py} output: {"case", "params", "peer", "seconds", "value"}.
 *
 * @param peer    e.g. {@code scipy.sparse.linalg.svds}
 * @param seconds best-of-repeats wall time
 * @param value   the number it computed (NaN when absent)
 */
public record PeerResult(String caseName, String peer, double seconds, double value) {
    static PeerResult parse(JsonNode n) {
        JsonNode v = n.get("value");
        return new PeerResult(n.path("case").asText(), n.path("peer").asText(), n.path("seconds").asDouble(),
                v == null || v.isNull() ? Double.NaN : v.asDouble());
    }
}
