package io.lipschitz4j.linalg;

import java.util.ArrayList;
import java.util.List;

/** The backends a contract test runs on: Java always, native when it loads on this machine. */
public final class BackendsSource {
    private BackendsSource() {}

    public static List<Backend> available() {
        List<Backend> list = new ArrayList<>();
        if (Backend.nativeAvailable()) list.add(Backend.NATIVE);
        list.add(Backend.JAVA);
        return list;
    }
}
