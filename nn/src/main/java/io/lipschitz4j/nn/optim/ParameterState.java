package io.lipschitz4j.nn.optim;

import io.lipschitz4j.nn.Parameter;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/** Per-parameter optimizer state keyed by name, checked against the parameter's size. */
final class ParameterState<S> {
    private final Map<String, S> states = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();

    S get(Parameter p, IntFunction<S> create) {
        Integer size = sizes.putIfAbsent(p.name(), p.size());
        if (size != null && size != p.size()) {
            throw new IllegalStateException("parameter " + p.name() + " had " + size + " entries, now " + p.size());
        }
        return states.computeIfAbsent(p.name(), k -> create.apply(p.size()));
    }

    /** The states by parameter name, in name order (for checkpoints). */
    java.util.SortedMap<String, S> all() { return new java.util.TreeMap<>(states); }

    /** Replaces all states (a checkpoint being restored); {@code size} gives each one's parameter size. */
    void replaceAll(Map<String, S> restored, java.util.function.ToIntFunction<S> size) {
        states.clear();
        sizes.clear();
        restored.forEach((name, s) -> {
            states.put(name, s);
            sizes.put(name, size.applyAsInt(s));
        });
    }

    /**
     * Groups flat state entries {@code PARAM.FIELD} by parameter (the field is after the last dot);
     * fields missing for a parameter are absent from its inner map.
     */
    static Map<String, Map<String, double[]>> byParameter(Map<String, double[]> flat) {
        Map<String, Map<String, double[]>> out = new java.util.LinkedHashMap<>();
        flat.forEach((key, v) -> {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) throw new IllegalArgumentException("optimizer state key '" + key + "' is not PARAMETER.FIELD");
            out.computeIfAbsent(key.substring(0, dot), k -> new HashMap<>()).put(key.substring(dot + 1), v);
        });
        return out;
    }

    static double[] require(Map<String, double[]> fields, String param, String field, int length) {
        double[] v = fields.get(field);
        if (v == null) throw new IllegalArgumentException("optimizer state of " + param + " lacks " + field);
        if (length >= 0 && v.length != length) {
            throw new IllegalArgumentException("optimizer state " + param + "." + field + " has " + v.length + " entries, expected " + length);
        }
        return v;
    }
}
