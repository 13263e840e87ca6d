package io.lipschitz4j.cli;

import io.lipschitz4j.spectral.Bound;

/** How bounds are printed for people: the kind first, so an estimate is never read as a certificate. */
final class Formats {
    private Formats() {}

    static String bound(String label, Bound b) {
        String kind = switch (b.kind()) {
            case UPPER -> "≤ (certified upper bound)";
            case LOWER -> "≥ (certified lower bound)";
            case EXACT -> "= (exact, ±" + String.format("%.1e", b.errorTerm()) + ")";
            case ESTIMATE -> "≈ (estimate, not certified)";
        };
        StringBuilder s = new StringBuilder(String.format("%-14s %s %.12g   [%s", label, kind.substring(0, 1), b.value(), b.method()));
        if (b.iterations() > 0) s.append(", ").append(b.iterations()).append(" it");
        s.append(", ").append(seconds(b.time().toNanos() / 1e9));
        if (b.status() != io.lipschitz4j.spectral.Status.CONVERGED) {
            s.append(", ").append(b.status()).append(Double.isNaN(b.residual()) ? "" : String.format(" residual %.2e", b.residual()));
        }
        s.append("]  ").append(kind.substring(2));
        return s.toString();
    }

    static String seconds(double s) {
        return s < 1e-3 ? String.format("%.0f µs", s * 1e6) : s < 1 ? String.format("%.1f ms", s * 1e3) : String.format("%.2f s", s);
    }
}
