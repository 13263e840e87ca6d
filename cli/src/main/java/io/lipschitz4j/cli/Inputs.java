package io.lipschitz4j.cli;

import io.lipschitz4j.io.NpyReader;
import io.lipschitz4j.io.NpzReader;
import io.lipschitz4j.linalg.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Loads arrays named on the command line (.npy, or one member of an .npz) and checks them. */
final class Inputs {
    private Inputs() {}

    /**
     * Reads an array, rejecting NaN/Inf with the file and index. For .npz, {@code key} names the member;
     * without it the archive must hold exactly one array of the wanted rank (or one array at all).
     */
    static Tensor load(Path file, String key, int... wantedRanks) {
        if (!Files.exists(file)) throw new UserException(file + ": no such file");
        if (Files.isDirectory(file)) throw new UserException(file + ": is a directory, expected a .npy or .npz file");
        try {
            String name = file.getFileName().toString().toLowerCase();
            Tensor t;
            if (name.endsWith(".npz")) {
                t = pick(file, NpzReader.read(file), key, wantedRanks);
            } else {
                if (key != null) throw new UserException(file + ": --key only applies to .npz archives");
                t = NpyReader.readFinite(file);
            }
            int bad = t.firstNonFinite();
            if (bad >= 0) throw new UserException(file + ": entry " + bad + " is " + t.data()[bad] + " (expected finite numbers)");
            return t;
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file");
        } catch (IOException e) {
            if (e instanceof io.lipschitz4j.io.ArrayFormatException) throw new UncheckedIOException(e);
            throw new UserException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static Tensor pick(Path file, Map<String, Tensor> arrays, String key, int[] ranks) {
        if (key != null) {
            Tensor t = arrays.get(key);
            if (t == null) throw new UserException(file + ": no array named '" + key + "' (it has " + arrays.keySet() + ")");
            return t;
        }
        Tensor only = null;
        int matches = 0;
        for (Tensor t : arrays.values()) {
            if (ranks.length == 0 || Arrays.stream(ranks).anyMatch(r -> r == t.rank())) {
                only = t;
                matches++;
            }
        }
        if (matches == 1) return only;
        throw new UserException(file + ": holds " + arrays.keySet() + "; say which array with --key NAME");
    }

    /** Parses "32x32", "32" (a square 2-D size when {@code dims} is 2) or "32" for 1-D. */
    static int[] size(String option, String text, int dims) {
        String[] parts = text.toLowerCase().split("[x×,]");
        int[] v = new int[parts.length == 1 ? dims : parts.length];
        try {
            for (int i = 0; i < v.length; i++) v[i] = Integer.parseInt(parts[parts.length == 1 ? 0 : i].trim());
        } catch (NumberFormatException e) {
            throw new UserException(option + ": expected a size like 32x32 or 32, got '" + text + "'");
        }
        if (v.length != dims) {
            throw new UserException(option + " " + text + " has " + v.length + " entries but the kernel is " + dims + "-D");
        }
        for (int x : v) if (x < 1) throw new UserException(option + ": sizes must be >= 1, got '" + text + "'");
        return v;
    }
}
