package io.basicflow.app;

/** The basicflow command line. */
public final class Main {

    private Main() {}

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.out.println("basicflow: not built yet");
    }
}
