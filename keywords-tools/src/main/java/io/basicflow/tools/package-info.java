/**
 * Tool scripts: {@code .bas} files with {@code PARAM} and {@code DESCRIPTION} lines that an LLM host
 * or another script can call. {@link io.basicflow.tools.ToolFolder} finds them safely inside the
 * configured folder, {@link io.basicflow.tools.ToolSignature} reads their signature, {@link
 * io.basicflow.tools.ToolSchema} turns it into the JSON Schema of MCP's {@code tools/list}, {@link
 * io.basicflow.tools.ToolArguments} checks a call's arguments, {@link io.basicflow.tools.ToolSet} is
 * an execution's active tools, and {@link io.basicflow.tools.ToolsPlugin} declares {@code USE TOOL},
 * {@code ADD TOOL} and {@code CLEAR TOOLS}. The module compiles scripts through the {@link
 * io.basicflow.tools.ToolCompiler} port and does not depend on the compiler or the engine.
 */
package io.basicflow.tools;
