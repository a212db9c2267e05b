package io.basicflow.app;

import picocli.CommandLine;

/** The version shown by {@code --version}. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"basicflow " + (version == null ? "development build" : version)};
    }
}
