package io.lipschitz4j.nn.loss;

import java.util.Locale;

/** Losses by name, as the command line spells them. */
public final class Losses {
    /** Names accepted by {@link #byName}, for help texts. */
    public static final String NAMES = "ce, hinge:MARGIN, multi-margin:MARGIN";

    private Losses() {}

    /**
     * {@code ce} → {@link SoftmaxCrossEntropy}; {@code hinge:M} → {@link MarginHinge} with margin M;
     * {@code multi-margin:M} → {@link MultiMargin} with margin M (M defaults to 1 when left out).
     *
     * @throws IllegalArgumentException naming the spec and what was expected
     */
    public static Loss byName(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty loss name; one of " + NAMES);
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":", -1);
        if (parts.length > 2) throw new IllegalArgumentException("'" + spec + "': expected one of " + NAMES);
        return switch (parts[0]) {
            case "ce", "cross-entropy" -> {
                if (parts.length > 1) throw new IllegalArgumentException("'" + spec + "': cross-entropy takes no margin");
                yield new SoftmaxCrossEntropy();
            }
            case "hinge" -> new MarginHinge(margin(spec, parts));
            case "multi-margin" -> new MultiMargin(margin(spec, parts));
            default -> throw new IllegalArgumentException("unknown loss '" + spec + "'; one of " + NAMES);
        };
    }

    private static double margin(String spec, String[] parts) {
        if (parts.length < 2) return 1.0;
        try {
            double m = Double.parseDouble(parts[1]);
            if (!(m >= 0) || Double.isInfinite(m)) throw new NumberFormatException();
            return m;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': the margin must be a finite number >= 0, got '" + parts[1] + "'");
        }
    }
}
