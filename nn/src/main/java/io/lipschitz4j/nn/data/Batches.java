package io.lipschitz4j.nn.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The mini-batches of one epoch. With shuffling, the order is a Fisher–Yates permutation drawn from a
 * {@link SplittableRandom} seeded by (seed, epoch) alone, so epoch e has the same batches whether a run
 * reaches it directly or after a resume. The last batch is smaller when the batch size does not divide
 * N, unless {@code dropLast}.
 */
public final class Batches implements Iterable<Batch> {
    private final ImageDataset data;
    private final int batchSize;
    private final boolean dropLast;
    private final int[] order;

    private Batches(ImageDataset data, int batchSize, boolean dropLast, int[] order) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.data = data;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.order = order;
    }

    /** Epoch {@code epoch} in the seeded shuffled order. */
    public static Batches shuffled(ImageDataset data, int batchSize, long seed, long epoch, boolean dropLast) {
        return new Batches(data, batchSize, dropLast, permutation(data.size(), seed, epoch));
    }

    /** The data in storage order (for evaluation). */
    public static Batches sequential(ImageDataset data, int batchSize) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        return new Batches(data, batchSize, false, order);
    }

    /** A uniform random permutation of 0..n−1 determined by (seed, epoch): Fisher–Yates, O(n). */
    public static int[] permutation(int n, long seed, long epoch) {
        // SplittableRandom mixes its seed (MurmurHash3 finalizer), so nearby seeds give unrelated streams
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Number of batches in this epoch. */
    public int count() {
        return dropLast ? order.length / batchSize : (order.length + batchSize - 1) / batchSize;
    }

    /** The order in which the examples are visited. */
    public int[] order() { return order.clone(); }

    /** Batch number {@code i} of this epoch. */
    public Batch get(int i) {
        if (i < 0 || i >= count()) throw new IndexOutOfBoundsException("batch " + i + " of " + count());
        int from = i * batchSize;
        return data.batch(order, from, Math.min(order.length, from + batchSize));
    }

    @Override
    public Iterator<Batch> iterator() {
        return new Iterator<>() {
            private int next;

            @Override public boolean hasNext() { return next < count(); }

            @Override public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                return get(next++);
            }
        };
    }
}
