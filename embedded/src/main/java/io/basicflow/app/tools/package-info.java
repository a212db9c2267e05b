/**
 * Tool scripts in the durable engine: {@link io.basicflow.app.tools.ToolFolderChildScripts} runs
 * {@code r = USE TOOL "name", args…} from the tools folder as a child execution, with the arguments
 * checked against the tool's schema, and {@link io.basicflow.app.tools.CompilerToolCompiler}
 * compiles tool scripts with the app's compiler.
 */
package io.basicflow.app.tools;
