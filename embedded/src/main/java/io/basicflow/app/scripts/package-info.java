/**
 * The scripts folder as front ends see it: list the {@code .bas} scripts, load one by name with the
 * same path safety as the tools folder, and compile-check a script or a posted source.
 *
 * <p>{@link io.basicflow.app.scripts.ScriptLibrary} is the port; {@link
 * io.basicflow.app.scripts.FolderScriptLibrary} implements it over a folder and takes the compiler
 * as a {@link io.basicflow.app.scripts.ScriptChecker}.
 */
package io.basicflow.app.scripts;
