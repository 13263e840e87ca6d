package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The NumPy-made files under {@code src/test/resources/npy} and the formulas they were made from. */
final class Fixtures {
    private Fixtures() {}

    static final double DOUBLE_TOL = 1e-10;

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/npy/" + name);
        if (url == null) throw new IllegalStateException("missing fixture " + name + "; run make_fixtures.py");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The float64 formula of make_fixtures.py: f(i) = (i - 3) / 7 at C-order flat index i. */
    static double f64(int i) { return (i - 3) / 7.0; }

    /** A tensor of the given shape filled with {@link #f64}. */
    static Tensor f64Tensor(int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = f64(i);
        return t;
    }
}
