/**
 * The hand-written recursive-descent parser: statements and blocks
 * ({@code StatementParser}), expressions and templates ({@code ExpressionParser}), keyword calls
 * ({@code KeywordCalls}). {@link io.basicflow.compiler.parser.ScriptParser} is its entry point.
 */
package io.basicflow.compiler.parser;
