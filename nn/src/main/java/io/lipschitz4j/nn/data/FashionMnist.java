package io.lipschitz4j.nn.data;

import io.lipschitz4j.io.ArrayFormatException;
import io.lipschitz4j.io.IdxArray;
import io.lipschitz4j.io.IdxReader;
import io.lipschitz4j.io.IdxType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 28×28 grey images of 10 kinds of clothing, 60 000 for
 * training and 10 000 for testing, in the four IDX files of the original release
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}), each gzip-compressed ({@code .gz}) or raw.
 *
 * <p>Where: a directory given by the caller ({@code --data DIR}), else {@link #DEFAULT_DIR}, where the
 * Debian package {@code dataset-fashion-mnist} installs them. When files are missing, a
 * {@link DataNotFoundException} says which and how to install them; when they are malformed (corrupt
 * IDX, wrong image size, label count different from the image count, label outside 0..9), an
 * {@link ArrayFormatException} names the file and the problem.
 */
public final class FashionMnist {
    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final int CLASSES = 10;
    public static final int SIDE = 28;
    /** Class names by label. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The two splits. */
    public record Split(ImageDataset train, ImageDataset test) {}

    private FashionMnist() {}

    /** Loads from {@code dir}, or from {@link #DEFAULT_DIR} when {@code dir} is {@code null}. */
    public static Split load(Path dir) throws IOException {
        Path d = dir != null ? dir : DEFAULT_DIR;
        return new Split(loadSplit(d, "train", dir == null), loadSplit(d, "t10k", dir == null));
    }

    /** True when all four files are present in {@code dir} (or the default directory for {@code null}). */
    public static boolean isAvailable(Path dir) {
        Path d = dir != null ? dir : DEFAULT_DIR;
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            if (find(d, f) == null) return false;
        }
        return true;
    }

    private static ImageDataset loadSplit(Path dir, String prefix, boolean isDefault) throws IOException {
        Path imagesFile = require(dir, prefix + "-images-idx3-ubyte", isDefault);
        Path labelsFile = require(dir, prefix + "-labels-idx1-ubyte", isDefault);
        IdxArray images = IdxReader.read(imagesFile, IdxType.UBYTE, -1, SIDE, SIDE);
        IdxArray labels = IdxReader.read(labelsFile, IdxType.UBYTE, -1);
        int n = images.dim(0);
        if (labels.dim(0) != n) {
            throw new ArrayFormatException(labelsFile, labelsFile.toString(), "header.dims",
                    labels.dim(0) + " labels", n + " labels, one per image in " + imagesFile.getFileName());
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.unsignedByte(i);
            if (y[i] >= CLASSES) {
                throw new ArrayFormatException(labelsFile, labelsFile.toString(), "data", "label " + y[i] + " at index " + i, "0 to 9");
            }
        }
        String name = "fashion-mnist/" + (prefix.equals("train") ? "train" : "test");
        return new ImageDataset(name, images.raw(), y, 1, SIDE, SIDE, CLASSES);
    }

    private static Path require(Path dir, String base, boolean isDefault) throws DataNotFoundException {
        Path p = find(dir, base);
        if (p != null) return p;
        String how = isDefault
                ? "install it with 'apt-get install dataset-fashion-mnist' or pass --data DIR"
                : "pass --data DIR with the four Fashion-MNIST IDX files, or install 'dataset-fashion-mnist' (apt-get) and omit --data";
        throw new DataNotFoundException("Fashion-MNIST not found: no " + base + "[.gz] in " + dir + "; " + how);
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }
}
