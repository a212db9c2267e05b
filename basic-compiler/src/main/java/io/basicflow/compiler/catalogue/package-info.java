/**
 * The keyword catalogue: what the installed {@link io.basicflow.spi.KeywordPlugin}s provide, found
 * with {@link java.util.ServiceLoader} and validated together.
 */
package io.basicflow.compiler.catalogue;
