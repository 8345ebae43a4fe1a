package io.stowage.interop;

import java.util.List;

/**
 * What one external command did. stdout and stderr are kept apart because callers parse stdout (JSON from
 * {@code skopeo inspect}, a digest from {@code podman image inspect}) while the tools print progress on stderr.
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Everything a reader of a failed assertion needs to reproduce the call by hand. */
    public String describe() {
        return "$ " + String.join(" ", command) + "\nexit code " + exitCode
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
