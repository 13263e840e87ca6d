/**
 * Benchmarks: JMH microbenchmarks and the side-by-side runner that times lipschitz4j and the peer
 * baselines of {@code ../shared/bench/peers.py} (NumPy, SciPy, PyTorch) on the same cases in one run
 * and reports ratios (times differ between machines; ratios from one run are what we compare).
 */
package io.lipschitz4j.bench;
