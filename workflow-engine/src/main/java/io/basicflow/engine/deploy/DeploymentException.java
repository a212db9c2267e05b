package io.basicflow.engine.deploy;

/**
 * A deployment was refused: a plugin could not apply what a script declares, or the database refused
 * it. Nothing of the deployment was applied.
 */
public final class DeploymentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A refused deployment.
     *
     * @param message what was refused, where (script:line:column) and what to do
     * @param cause the plugin's or the database's failure
     */
    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
