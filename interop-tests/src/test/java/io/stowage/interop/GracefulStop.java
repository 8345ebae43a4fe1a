package io.stowage.interop;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a graceful stop (SIGTERM) of the registry looks like from outside.
 *
 * <p>The exit code is 143 (128 + SIGTERM's 15), not 0: the JVM's SIGTERM handler starts the shutdown with
 * {@code Runtime.exit(143)}, and while its hooks run (the registry's hook drains in-flight requests) the main thread
 * returns from {@code join()} and calls {@code System.exit(0)}, which blocks because a shutdown is already under way.
 * The JVM then halts with the status of the exit that started the shutdown. Service managers know this convention
 * (systemd units for Java services declare {@code SuccessExitStatus=143}); a crash or an OutOfMemoryError exit would
 * give something else.
 */
public final class GracefulStop {

    public static final int SIGTERM_EXIT_CODE = 143;
    public static final String SHUTDOWN_STARTED = "shutting down: finishing in-flight requests";
    public static final String SHUTDOWN_FINISHED = "INFO io.stowage.server.Main - stopped";

    private GracefulStop() {
    }

    /** SIGTERM, then checks the exit code and the shutdown log lines. */
    public static void stopAndCheck(RegistryProcess registry) throws Exception {
        int exit = registry.stop();
        String log = registry.output();
        assertThat(exit).as("exit code after SIGTERM; log:\n%s", log).isEqualTo(SIGTERM_EXIT_CODE);
        assertThat(log).contains(SHUTDOWN_STARTED, SHUTDOWN_FINISHED).doesNotContain("error during shutdown");
    }
}
