/**
 * The logic of {@code basicflow check}: {@link io.basicflow.compiler.check.ScriptChecker} compiles
 * scripts and folders into a {@link io.basicflow.compiler.check.CheckReport}.
 */
package io.basicflow.compiler.check;
