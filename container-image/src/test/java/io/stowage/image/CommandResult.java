package io.stowage.image;

import java.util.List;

/** What a finished command did: kept whole, because a failure is only understood with all of its output. */
record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    boolean succeeded() {
        return exitCode == 0;
    }

    String describe() {
        return "$ " + String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout ---\n" + stdout
                + "\n--- stderr ---\n" + stderr;
    }
}
