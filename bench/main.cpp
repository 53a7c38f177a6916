// Entry point of ews_bench; the benchmarks register themselves from the *_bench.cpp files.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
