package io.stowage.http.admin.json;

import java.util.List;

/**
 * A tag ({@code kind} tag; {@code manifest} is the digest it points at) or an untagged manifest ({@code kind}
 * manifest, {@code reference} its digest, {@code referrers} going with it) that retention removes, with the ids of
 * the policies that chose it and, for a skipped one, why it was not removed ({@code reason}; null otherwise).
 */
public record RetentionItemJson(String repository, String kind, String reference, String manifest,
                                List<String> referrers, String pushedAt, String lastPulledAt, List<Long> policies,
                                String reason, String detail) {
}
