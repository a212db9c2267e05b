/**
 * The BASIC compiler's public API: {@link io.basicflow.compiler.ScriptService} turns a script into an
 * {@link io.basicflow.compiler.ExecutionPlan} or {@link io.basicflow.compiler.CompilationException}
 * with every diagnostic.
 */
package io.basicflow.compiler;
