/**
 * Deploying a bot's scripts: the plugins' {@link io.basicflow.spi.DeploymentHandler}s applied to the
 * compiled scripts in one transaction, before any execution of them runs.
 */
package io.basicflow.engine.deploy;
