package io.lipschitz4j.nn.train;

import io.lipschitz4j.nn.Sequential;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lipschitz controls selectable per run by name, as {@code lipschitz train --control SPEC} takes them:
 * {@code SPEC} is {@code NAME} or {@code NAME:KEY=VALUE,KEY=VALUE} (e.g. {@code projection:lambda=1.0}).
 * A control is a list of {@link StepHook}s (run after each optimizer step) and {@link Regularizer}s
 * (added to the loss) built for one model. Built in: {@code none}. The Lipschitz controls
 * (projection, spectral normalization, clipping, orthogonality penalty) add themselves with
 * {@link #register} in the static block below.
 */
public final class Controls {

    /** What a control adds to a training run. */
    public record Control(String spec, List<StepHook> hooks, List<Regularizer> regularizers) {
        public Control {
            hooks = List.copyOf(hooks);
            regularizers = List.copyOf(regularizers);
        }
    }

    /** Builds a control for a model from the options after the colon (empty map when none). */
    @FunctionalInterface
    public interface Factory {
        Control create(String spec, Sequential model, Map<String, String> options);
    }

    private record Entry(String description, Factory factory) {}

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    static {
        register("none", "no constraint", (spec, model, options) -> {
            if (!options.isEmpty()) throw new IllegalArgumentException("control 'none' takes no options, got " + options.keySet());
            return new Control(spec, List.of(), List.of());
        });
        // register("projection", "Gouk et al. projection W / max(1, ‖W‖₂/λ) after each step; lambda=λ", ...);
    }

    private Controls() {}

    /** Adds (or replaces) the control {@code name} (lower case, no colon). */
    public static synchronized void register(String name, String description, Factory factory) {
        if (name.isEmpty() || name.contains(":") || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("invalid control name '" + name + "'");
        }
        REGISTRY.put(name, new Entry(description, factory));
    }

    /** Names and one-line descriptions, in registration order. */
    public static synchronized Map<String, String> available() {
        Map<String, String> m = new LinkedHashMap<>();
        REGISTRY.forEach((k, v) -> m.put(k, v.description()));
        return Collections.unmodifiableMap(m);
    }

    /** Parses {@code NAME[:KEY=VALUE,...]} and builds the control for {@code model}. */
    public static Control create(String spec, Sequential model) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0 && colon < s.length() - 1) {
            for (String kv : s.substring(colon + 1).split(",")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("control option '" + kv + "' in '" + spec + "' is not KEY=VALUE");
                options.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        Entry e;
        synchronized (Controls.class) {
            e = REGISTRY.get(name);
        }
        if (e == null) throw new IllegalArgumentException("unknown control '" + name + "', expected one of " + String.join(", ", available().keySet()));
        return e.factory().create(s, model, options);
    }
}
