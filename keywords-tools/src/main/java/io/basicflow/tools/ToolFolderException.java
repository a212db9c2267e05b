package io.basicflow.tools;

/**
 * The tools folder itself cannot be used: it does not exist, is not a folder, or reading it failed.
 * The fix is in the configuration ({@code basicflow.tools.folder}) or on the disk, not in a script.
 */
public final class ToolFolderException extends ToolException {

    private static final long serialVersionUID = 1L;

    /**
     * A folder-level failure.
     *
     * @param tool the tool being looked up, empty when none
     * @param message what failed, naming the folder
     * @param cause the I/O failure, may be null
     */
    public ToolFolderException(String tool, String message, Throwable cause) {
        super(tool, message, cause);
    }
}
