package io.lipschitz4j.nn.lipschitz;

import java.util.Locale;

/**
 * The registry of Lipschitz controls by name, for {@code lipschitz train --control SPEC}:
 * <pre>
 *   none
 *   projection:λ[:certified][:iters=N][:seed=S]   Gouk et al. 2021, π_λ(W) = W / max(1, ‖W‖₂/λ)
 *   spectral-norm[:reshape|:operator][:iters=N][:seed=S]   Miyato et al. 2018, W/σ̂
 *   clip:c[:every=N]                             Sedghi et al. 2019 (default every 100 steps)
 *   ortho-penalty:λ                              λ‖WᵀW − I‖²_F as a regularizer
 * </pre>
 * Unknown names and malformed numbers throw {@link IllegalArgumentException} with a one-line message.
 */
public final class Controls {
    private Controls() {}

    /** Names accepted by {@link #byName}, for help texts. */
    public static final String NAMES = "none, projection:L[:certified], spectral-norm[:reshape|:operator], clip:C[:every=N], ortho-penalty:LAMBDA";

    public static Control byName(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty control name; one of " + NAMES);
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        String kind = parts[0];
        switch (kind) {
            case "none":
                requireArgs(spec, parts, 0, 0);
                return new Control(spec, null, null);
            case "projection": {
                if (parts.length < 2) throw new IllegalArgumentException("'" + spec + "': projection needs a radius, e.g. projection:1.0");
                double lambda = number(spec, parts[1]);
                Projection.Estimator est = Projection.Estimator.POWER;
                int iters = 2;
                long seed = 0;
                for (int i = 2; i < parts.length; i++) {
                    String p = parts[i];
                    if (p.equals("certified")) est = Projection.Estimator.CERTIFIED;
                    else if (p.equals("power")) est = Projection.Estimator.POWER;
                    else if (p.startsWith("iters=")) iters = integer(spec, p.substring(6));
                    else if (p.startsWith("seed=")) seed = integer(spec, p.substring(5));
                    else throw unknownOption(spec, p);
                }
                return new Control(spec, new Projection(lambda, est, iters, seed), null);
            }
            case "spectral-norm": {
                SpectralNormalization.Form form = SpectralNormalization.Form.RESHAPE;
                int iters = 1;
                long seed = 0;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i];
                    if (p.equals("reshape")) form = SpectralNormalization.Form.RESHAPE;
                    else if (p.equals("operator")) form = SpectralNormalization.Form.OPERATOR;
                    else if (p.startsWith("iters=")) iters = integer(spec, p.substring(6));
                    else if (p.startsWith("seed=")) seed = integer(spec, p.substring(5));
                    else throw unknownOption(spec, p);
                }
                return new Control(spec, new SpectralNormalization(form, iters, seed), null);
            }
            case "clip": {
                if (parts.length < 2) throw new IllegalArgumentException("'" + spec + "': clip needs a value, e.g. clip:1.0");
                double c = number(spec, parts[1]);
                int every = 100;
                for (int i = 2; i < parts.length; i++) {
                    if (parts[i].startsWith("every=")) every = integer(spec, parts[i].substring(6));
                    else throw unknownOption(spec, parts[i]);
                }
                return new Control(spec, new SingularValueClipping(c, every), null);
            }
            case "ortho-penalty": {
                requireArgs(spec, parts, 1, 1);
                return new Control(spec, null, new OrthogonalityPenalty(number(spec, parts[1])));
            }
            default:
                throw new IllegalArgumentException("unknown Lipschitz control '" + spec + "'; one of " + NAMES);
        }
    }

    private static void requireArgs(String spec, String[] parts, int min, int max) {
        int n = parts.length - 1;
        if (n < min || n > max) throw new IllegalArgumentException("'" + spec + "': expected " + (min == max ? String.valueOf(min) : min + ".." + max) + " argument(s)");
    }

    private static IllegalArgumentException unknownOption(String spec, String option) {
        return new IllegalArgumentException("'" + spec + "': unknown option '" + option + "'");
    }

    private static double number(String spec, String s) {
        try {
            double v = Double.parseDouble(s);
            if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("'" + spec + "': value must be > 0 and finite, got " + s);
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': not a number: " + s);
        }
    }

    private static int integer(String spec, String s) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0) throw new IllegalArgumentException("'" + spec + "': must be >= 0, got " + s);
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': not an integer: " + s);
        }
    }
}
