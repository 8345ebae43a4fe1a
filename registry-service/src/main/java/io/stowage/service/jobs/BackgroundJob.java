package io.stowage.service.jobs;

/** Periodic maintenance that must run on one registry node at a time (see {@link JobScheduler}). */
public interface BackgroundJob {

    /** Unique and stable: the name of the lease that decides which node runs the job. */
    String name();

    /** One round of work; returns a short summary for the log, or null when there was nothing to do. */
    String runOnce() throws Exception;
}
