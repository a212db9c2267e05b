package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.vision.VisionPlugin;

/**
 * DETECT FACES, ANALYZE FACE and VERIFY FACE over Azure Face API's REST protocol. Configured by the
 * {@code basicflow.vision.*} settings (see docs/vision.md).
 */
public final class VisionModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(VisionPlugin.class);
    }
}
