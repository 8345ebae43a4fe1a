package io.stowage.service.access;

import io.stowage.security.throttle.ThrottlePolicy;

import java.time.Duration;

/**
 * How access control is configured.
 *
 * @param anonymous   what callers without credentials may do
 * @param tokens      issuer, service, lifetimes and algorithm of the tokens
 * @param cacheTtl    how long grants, namespaces and accounts read from the store are reused (0: never); changes
 *                    through another node take at most this long to apply here
 * @param auditPulls  whether every pull is written to the audit log
 * @param throttle    limits on failed logins
 */
public record AccessSettings(AnonymousAccess anonymous, TokenService.Settings tokens, Duration cacheTtl,
                             boolean auditPulls, ThrottlePolicy throttle) {
}
