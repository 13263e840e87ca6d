package io.lipschitz4j.io;

import java.nio.file.Path;

/**
 * The name of an input in error messages: the file (if any) and how it is shown, e.g.
 * {@code weights.npz[conv1.npy]} for an archive member.
 */
record InputName(Path file, String display) {

    static InputName of(Path file) { return new InputName(file, file.toString()); }

    static InputName stream(String name) { return new InputName(null, name); }

    /** A member of this archive, shown as {@code archive[member]}. */
    InputName member(String member) { return new InputName(file, display + "[" + member + "]"); }

    ArrayFormatException error(String field, String found, String expected) {
        return new ArrayFormatException(file, display, field, found, expected);
    }
}
