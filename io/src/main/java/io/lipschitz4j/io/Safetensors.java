package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of a safetensors file: named tensors (converted to double, in header order), the dtype
 * each had in the file, and the optional {@code __metadata__} string map.
 */
public record Safetensors(Map<String, Tensor> tensors, Map<String, SafetensorsDtype> dtypes, Map<String, String> metadata) {

    public Safetensors {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        dtypes = Collections.unmodifiableMap(new LinkedHashMap<>(dtypes));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensor called {@code name}, or null. */
    public Tensor get(String name) { return tensors.get(name); }
}
