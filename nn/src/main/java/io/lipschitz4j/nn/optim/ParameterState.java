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
}
