/**
 * The keyword plugin SPI. A third-party plugin implements {@link io.basicflow.spi.KeywordPlugin},
 * lists it in {@code META-INF/services/io.basicflow.spi.KeywordPlugin}, and depends on this module
 * alone. The {@code program} package holds the compiled Step model, the {@code value} package the
 * values that scripts and handlers exchange.
 */
package io.basicflow.spi;
