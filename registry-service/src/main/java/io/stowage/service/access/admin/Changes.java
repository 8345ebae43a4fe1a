package io.stowage.service.access.admin;

import io.stowage.oci.error.DeniedException;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.oci.error.RegistryException;
import io.stowage.oci.error.UnauthorizedException;
import io.stowage.service.access.AccessControl;
import io.stowage.service.access.AuditLog;
import io.stowage.service.access.Identity;

import java.util.function.Function;

/**
 * Runs administrative changes: checks the caller, makes the change, makes this node forget what it cached about
 * accounts and grants, and writes exactly one audit event whatever happens: {@code success}, {@code denied} (the
 * caller may not) or {@code failure} (invalid input, unknown or existing things, a fault). A malformed input is an
 * {@link IllegalArgumentException} from the value types, whose messages never quote the value; it becomes a 400.
 * Reads are checked the same way but not audited.
 */
final class Changes {

    /** What a change is, as its audit event names it. */
    record Event(String action, String repository, String reference) {
    }

    /** The change itself, given the identity making it. */
    @FunctionalInterface
    interface Change<T> {
        T apply(Identity actor);
    }

    private final AccessControl access;
    private final Authority authority;

    Changes(AccessControl access) {
        this.access = access;
        this.authority = new Authority(access);
    }

    /** Runs a read for a caller with {@code permission}; invalid input is a 400 here too. Not audited. */
    <T> T read(Actor actor, Permission permission, Change<T> read) {
        Identity identity = authority.require(actor.caller(), permission);
        try {
            return read.apply(identity);
        } catch (IllegalArgumentException e) {
            throw new ParameterInvalidException(e.getMessage());
        }
    }

    /**
     * Runs {@code change} for a caller with {@code permission}; the success event's detail is {@code detail} of the
     * result.
     */
    <T> T run(Actor actor, Permission permission, Event event, Function<? super T, String> detail, Change<T> change) {
        Identity identity;
        try {
            identity = authority.require(actor.caller(), permission);
        } catch (UnauthorizedException | DeniedException e) {
            recordFailure(actor, actor.caller().identity().subject(), event, AuditLog.DENIED, e.getMessage(), e);
            throw e;
        }
        String subject = identity.subject();
        T result;
        try {
            result = change.apply(identity);
        } catch (IllegalArgumentException e) {
            ParameterInvalidException invalid = new ParameterInvalidException(e.getMessage());
            recordFailure(actor, subject, event, AuditLog.FAILURE, e.getMessage(), e);
            throw invalid;
        } catch (DeniedException e) {
            recordFailure(actor, subject, event, AuditLog.DENIED, e.getMessage(), e);
            throw e;
        } catch (RegistryException e) {
            recordFailure(actor, subject, event, AuditLog.FAILURE, e.getMessage(), e);
            throw e;
        } catch (RuntimeException | Error e) {
            recordFailure(actor, subject, event, AuditLog.FAILURE, "internal error", e);
            throw e;
        }
        access.invalidate();
        record(actor, subject, event, AuditLog.SUCCESS, detail.apply(result));
        return result;
    }

    /**
     * Writes one success event of {@code identity} besides the change's own: for changes made of many parts that are
     * each worth an event (each removal of a retention run).
     */
    void recordPart(Actor actor, Identity identity, String action, String repository, String reference,
                    String detail) {
        record(actor, identity.subject(), new Event(action, repository, reference), AuditLog.SUCCESS, detail);
    }

    /** The failure is what the caller must see; an audit write failing too is attached to it, not thrown instead. */
    private void recordFailure(Actor actor, String subject, Event event, String result, String detail,
                               Throwable failure) {
        try {
            record(actor, subject, event, result, detail);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void record(Actor actor, String subject, Event event, String result, String detail) {
        access.audit().record(subject, actor.client(), event.action(), event.repository(), event.reference(), result,
                detail);
    }
}
