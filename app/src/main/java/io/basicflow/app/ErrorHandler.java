package io.basicflow.app;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import picocli.CommandLine;

/**
 * Turns failures of a command into one clear message and exit status 1, instead of a stack trace:
 * configuration errors, plugin conflicts, an unreachable database. Set {@code BASICFLOW_DEBUG=1} for
 * the stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Throwable cause = rootOfWiring(exception);
        commandLine.getErr().println("basicflow: " + cause.getMessage());
        if (System.getenv("BASICFLOW_DEBUG") != null) {
            cause.printStackTrace(commandLine.getErr());
        }
        return 1;
    }

    private static Throwable rootOfWiring(Throwable exception) {
        Throwable current = exception;
        while (true) {
            if (current instanceof ProvisionException provision
                    && !provision.getErrorMessages().isEmpty()) {
                Message first = provision.getErrorMessages().iterator().next();
                if (first.getCause() == null) {
                    return current;
                }
                current = first.getCause();
            } else if (current instanceof CreationException creation
                    && !creation.getErrorMessages().isEmpty()) {
                Message first = creation.getErrorMessages().iterator().next();
                if (first.getCause() == null) {
                    return current;
                }
                current = first.getCause();
            } else {
                return current;
            }
        }
    }
}
