/**
 * The hand-written lexer: {@link io.basicflow.compiler.lexer.Lexer} reads a
 * {@link io.basicflow.compiler.lexer.SourceText} into {@link io.basicflow.compiler.lexer.Token}s on
 * demand.
 */
package io.basicflow.compiler.lexer;
