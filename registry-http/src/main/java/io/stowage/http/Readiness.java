package io.stowage.http;

/** Whether the registry can serve requests now (backends reachable, not shutting down). */
@FunctionalInterface
public interface Readiness {
    boolean isReady();
}
