package io.lipschitz4j.spectral.conv;

import java.util.ArrayList;
import java.util.List;

/**
 * The half spectrum of an o₁×o₂ frequency grid: one representative per class {g, −g} (indices mod
 * o₁, o₂), with its multiplicity. For a real operator the matrices at g and −g are complex conjugates
 * of each other and have the same singular values, so only the representatives are computed.
 * Representatives are g₂ ∈ [0, ⌊o₂/2⌋]; on the self-conjugate columns (2g₂ ≡ 0 mod o₂, i.e. g₂ = 0
 * and g₂ = o₂/2 for even o₂) only g₁ ∈ [0, ⌊o₁/2⌋]. A class has weight 1 when g ≡ −g (then its matrix
 * is real), weight 2 otherwise; the weights add up to o₁·o₂.
 */
public final class FrequencyGrid {
    /** One class {g, −g}: representative (g1, g2) and weight 1 (self-conjugate, real) or 2. */
    public record Frequency(int g1, int g2, int weight) {
        public boolean selfConjugate() { return weight == 1; }
    }

    private FrequencyGrid() {}

    public static List<Frequency> halfSpectrum(int o1, int o2) {
        List<Frequency> out = new ArrayList<>(o1 * (o2 / 2 + 1));
        for (int g2 = 0; g2 <= o2 / 2; g2++) {
            boolean selfCol = (2 * g2) % o2 == 0;
            int top = selfCol ? o1 / 2 : o1 - 1;
            for (int g1 = 0; g1 <= top; g1++) {
                boolean self = selfCol && (2 * g1) % o1 == 0;
                out.add(new Frequency(g1, g2, self ? 1 : 2));
            }
        }
        return out;
    }
}
