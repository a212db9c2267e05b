/**
 * Compile errors: {@link io.basicflow.compiler.diagnostics.Diagnostic} names file, line and column,
 * shows the line with a caret, and says what was expected; its
 * {@link io.basicflow.compiler.diagnostics.DiagnosticKind} tells syntax errors apart from names that
 * no installed plugin provides.
 */
package io.basicflow.compiler.diagnostics;
