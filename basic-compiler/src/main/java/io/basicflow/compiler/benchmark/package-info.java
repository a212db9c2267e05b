/**
 * {@link io.basicflow.compiler.benchmark.CompileBenchmark}: a plain harness that measures compile
 * throughput in source lines per second.
 */
package io.basicflow.compiler.benchmark;
