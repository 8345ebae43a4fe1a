/**
 * Throttling of failed logins, against online password guessing.
 *
 * <p>{@link io.stowage.security.throttle.LoginThrottle} counts failures per account and per client address in a
 * sliding window and refuses further attempts once either count reaches its limit, telling the caller how long until
 * the next attempt is allowed (for a {@code 429} with {@code Retry-After}). The account limit stops a slow guesser
 * spread over many addresses; the address limit stops one client trying many accounts. State lives in memory, per
 * node, bounded in size.
 */
package io.stowage.security.throttle;
