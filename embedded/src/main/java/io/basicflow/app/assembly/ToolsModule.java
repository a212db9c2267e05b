package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.basicflow.app.tools.CompilerToolCompiler;
import io.basicflow.compiler.ScriptService;
import io.basicflow.tools.ToolCompiler;
import io.basicflow.tools.ToolsPlugin;

/**
 * Tools: USE TOOL, ADD TOOL, CLEAR TOOLS, tool scripts as JSON Schema. The tools plugin compiles
 * tool scripts with the same compiler; the compiler is reached lazily because its catalogue holds
 * the tools plugin itself.
 */
public final class ToolsModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(ToolsPlugin.class);
    }

    @Provides
    @Singleton
    ToolCompiler toolCompiler(Provider<ScriptService> compiler) {
        return new CompilerToolCompiler(compiler::get);
    }

    @Provides
    @Singleton
    ToolsPlugin toolsPlugin(ToolCompiler compiler) {
        return new ToolsPlugin(compiler);
    }
}
