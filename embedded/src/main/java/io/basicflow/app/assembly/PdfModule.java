package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.pdf.PdfPlugin;

/** GENERATE PDF and MERGE PDF into the bot's storage, with Apache PDFBox. */
public final class PdfModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(PdfPlugin.class);
    }
}
