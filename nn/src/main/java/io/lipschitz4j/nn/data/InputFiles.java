package io.lipschitz4j.nn.data;

import io.lipschitz4j.io.ArrayFormatException;
import io.lipschitz4j.io.IdxArray;
import io.lipschitz4j.io.IdxReader;
import io.lipschitz4j.io.NpyReader;
import io.lipschitz4j.io.NpzReader;
import io.lipschitz4j.linalg.Tensor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Inputs to certify, and their labels when the files carry them, from the formats people keep data in.
 *
 * <ul>
 *   <li>{@code .npz}: inputs from the member {@code x} (or {@code inputs}, {@code images}, or the only
 *       array), labels from {@code y} (or {@code labels}) when present. Values are used as stored.</li>
 *   <li>{@code .npy}: inputs only, used as stored.</li>
 *   <li>IDX ({@code *-images-idx3-ubyte[.gz]}, the MNIST format): unsigned bytes scaled by 1/255 to
 *       [0, 1]; labels from the sibling file with {@code images} replaced by {@code labels} when it
 *       exists. A directory holding such files (the Fashion-MNIST package directory) means its test
 *       split ({@code t10k-…}).</li>
 *   <li>PNG: one file, or a directory of files (sorted by name, unlabelled), or a directory of
 *       class directories ({@code DIR/3/x.png} has label 3 when every class directory is named by an
 *       integer, else classes are numbered in sorted name order, as torchvision's ImageFolder does).
 *       Samples are scaled by 1/255 (1/65535 for 16-bit) to [0, 1]; grey images give 1 channel, RGB
 *       3 (an alpha band is dropped). Images are never resized.</li>
 * </ul>
 * Every sample is reshaped to the model's sample shape when the element counts agree (a 784-vector
 * feeds a 1×28×28 model); otherwise, and for non-finite values, labels of the wrong count or
 * negative labels, an {@link ArrayFormatException} names the file and the problem.
 *
 * @param x      inputs, shape [n, sampleShape…]
 * @param labels one label per input, or {@code null} when the files carry none
 * @param source what was read, for reports
 */
public record InputFiles(Tensor x, int[] labels, String source) {

    /** The number of inputs. */
    public int size() { return x.shape()[0]; }

    /** Loads {@code path} (see the class comment) as inputs of {@code sampleShape}. */
    public static InputFiles load(Path path, int... sampleShape) throws IOException {
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
        String name = path.getFileName().toString().toLowerCase();
        InputFiles raw;
        if (Files.isDirectory(path)) raw = directory(path);
        else if (name.endsWith(".npz")) raw = npz(path);
        else if (name.endsWith(".npy")) raw = new InputFiles(NpyReader.read(path), null, path.toString());
        else if (name.endsWith(".png")) raw = new InputFiles(stack(List.of(path)), null, path.toString());
        else if (name.contains("idx") || name.contains("ubyte")) raw = idx(path);
        else throw error(path, "name", "unknown input format '" + path.getFileName() + "'", ".npy, .npz, .png, an IDX file, or a directory of them");
        return raw.shaped(path, sampleShape);
    }

    private InputFiles shaped(Path path, int[] sampleShape) throws ArrayFormatException {
        int[] s = x.shape();
        long per = Tensor.sizeOf(sampleShape);
        long have = s.length == 0 ? 1 : Tensor.sizeOf(Arrays.copyOfRange(s, 1, s.length));
        int n = s.length == 0 ? 1 : s[0];
        boolean single = s.length == sampleShape.length && Tensor.sizeOf(s) == per;
        if (single && Arrays.equals(s, sampleShape)) n = 1; // one unbatched sample
        else if (have != per) {
            throw error(path, "shape", "samples of shape " + Arrays.toString(Arrays.copyOfRange(s, Math.min(1, s.length), s.length))
                    + " (" + have + " values)", Arrays.toString(sampleShape) + " (" + per + " values) per sample, the model's input");
        }
        int bad = x.firstNonFinite();
        if (bad >= 0) throw error(path, "data", "entry " + bad + " is " + x.data()[bad], "finite numbers");
        if (labels != null) {
            if (labels.length != n) throw error(path, "labels", labels.length + " labels for " + n + " inputs", "one label per input");
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0) throw error(path, "labels", "label " + i + " is " + labels[i], "labels >= 0");
            }
        }
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return new InputFiles(new Tensor(shape, x.data()), labels, source);
    }

    private static InputFiles npz(Path path) throws IOException {
        Map<String, Tensor> arrays = NpzReader.read(path);
        Tensor x = first(arrays, "x", "inputs", "images");
        if (x == null && arrays.size() == 1) x = arrays.values().iterator().next();
        if (x == null) throw error(path, "members", "arrays " + arrays.keySet(), "inputs named x, inputs or images (and labels named y or labels)");
        Tensor y = first(arrays, "y", "labels");
        return new InputFiles(x, y == null ? null : integers(path, y), path.toString());
    }

    private static Tensor first(Map<String, Tensor> arrays, String... names) {
        for (String n : names) if (arrays.containsKey(n)) return arrays.get(n);
        return null;
    }

    private static int[] integers(Path path, Tensor y) throws ArrayFormatException {
        double[] d = y.data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) throw error(path, "labels", "label " + i + " is " + d[i], "integers");
            out[i] = (int) d[i];
        }
        return out;
    }

    private static InputFiles idx(Path images) throws IOException {
        IdxArray a = IdxReader.read(images);
        Tensor x = scaled(images, a);
        String name = images.getFileName().toString();
        int[] labels = null;
        if (name.contains("images")) {
            Path lf = images.resolveSibling(name.replace("images", "labels").replace("idx3", "idx1"));
            if (Files.exists(lf)) labels = integers(lf, IdxReader.read(lf).toTensor());
        }
        return new InputFiles(x, labels, images.toString());
    }

    private static Tensor scaled(Path file, IdxArray a) throws ArrayFormatException {
        Tensor t = a.toTensor();
        if (a.type() != io.lipschitz4j.io.IdxType.UBYTE) return t;
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] /= 255.0;
        return t;
    }

    private static InputFiles directory(Path dir) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        }
        for (String prefix : new String[] {"t10k-images", "test-images"}) {
            for (Path p : entries) if (p.getFileName().toString().startsWith(prefix)) return idx(p);
        }
        List<Path> pngs = entries.stream().filter(InputFiles::isPng).toList();
        if (!pngs.isEmpty()) return new InputFiles(stack(pngs), null, dir.toString());
        List<Path> classes = entries.stream().filter(Files::isDirectory).toList();
        if (classes.isEmpty()) throw error(dir, "contents", "no PNG images, class directories or IDX test files", "images to certify");
        boolean numbered = classes.stream().allMatch(c -> c.getFileName().toString().matches("\\d{1,9}"));
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            int label = numbered ? Integer.parseInt(classes.get(c).getFileName().toString()) : c;
            try (Stream<Path> s = Files.list(classes.get(c))) {
                for (Path p : s.filter(InputFiles::isPng).sorted().toList()) {
                    files.add(p);
                    labels.add(label);
                }
            }
        }
        if (files.isEmpty()) throw error(dir, "contents", "class directories without PNG images", "DIR/CLASS/*.png");
        return new InputFiles(stack(files), labels.stream().mapToInt(Integer::intValue).toArray(), dir.toString());
    }

    private static boolean isPng(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase().endsWith(".png");
    }

    /** Decodes PNGs of one size into [n, C, H, W] in [0, 1]. */
    private static Tensor stack(List<Path> files) throws IOException {
        int[] shape = null;
        double[] out = null;
        for (int k = 0; k < files.size(); k++) {
            Path f = files.get(k);
            BufferedImage img;
            try (InputStream in = Files.newInputStream(f)) {
                img = ImageIO.read(in);
            }
            if (img == null) throw error(f, "image", "not a readable PNG image", "a PNG file");
            Raster r = img.getRaster();
            int bands = Math.min(r.getNumBands(), img.getColorModel().getNumColorComponents());
            int h = r.getHeight(), w = r.getWidth();
            double max = (1L << img.getColorModel().getComponentSize(0)) - 1;
            if (shape == null) {
                shape = new int[] {files.size(), bands, h, w};
                out = new double[Math.multiplyExact(files.size(), bands * h * w)];
            } else if (shape[1] != bands || shape[2] != h || shape[3] != w) {
                throw error(f, "image", bands + "×" + h + "×" + w + " (channels×height×width)",
                        shape[1] + "×" + shape[2] + "×" + shape[3] + " like " + files.get(0).getFileName());
            }
            int base = k * bands * h * w;
            for (int c = 0; c < bands; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) out[base + (c * h + y) * w + x] = r.getSample(x, y, c) / max;
                }
            }
        }
        return new Tensor(shape, out);
    }

    private static ArrayFormatException error(Path file, String field, String found, String expected) {
        return new ArrayFormatException(file, file.toString(), field, found, expected);
    }
}
