package io.lipschitz4j.nn.model;

import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;

import java.util.Locale;
import java.util.SplittableRandom;

/** The reference networks for 1×28×28 inputs and 10 classes, with PyTorch's default initialization from a seed. */
public final class Models {
    private Models() {}

    /** Flatten, 784-256-256-10 with ReLU (parameters {@code 1.*}, {@code 3.*}, {@code 5.*}). */
    public static Sequential mlp(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return Sequential.of(new Flatten(), new Dense(784, 256, true, r), new ReLU(), new Dense(256, 256, true, r), new ReLU(),
                new Dense(256, 10, true, r));
    }

    /**
     * conv 1→16 k3 p1, ReLU, conv 16→32 k3 s2 p1, ReLU, conv 32→32 k3 s2 p1, ReLU, flatten, dense 1568→10.
     */
    public static Sequential cnn(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return Sequential.of(
                new Conv2d(Conv2dSpec.of(1, 16, 3).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(16, 32, 3).withStride(2).withPadding(1), r), new ReLU(),
                new Conv2d(Conv2dSpec.of(32, 32, 3).withStride(2).withPadding(1), r), new ReLU(),
                new Flatten(), new Dense(1568, 10, true, r));
    }

    /** {@code mlp} or {@code cnn}. */
    public static Sequential byName(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mlp" -> mlp(seed);
            case "cnn" -> cnn(seed);
            default -> throw new IllegalArgumentException("unknown model '" + name + "', expected mlp or cnn");
        };
    }
}
