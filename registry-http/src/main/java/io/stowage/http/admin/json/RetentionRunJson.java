package io.stowage.http.admin.json;

import java.util.List;

/**
 * A retention run: with {@code dryRun} the plan ({@code removed} lists what a run at {@code at} would remove, nothing
 * is skipped yet), otherwise the report ({@code removed} what went, {@code skipped} what the plan listed but had
 * changed since, with the reason). {@code kept} lists what the policies chose but a protection keeps (dry run only).
 */
public record RetentionRunJson(boolean dryRun, String namespace, String at, List<RetentionItemJson> removed,
                               List<RetentionItemJson> skipped, List<RetentionKeptJson> kept, String summary) {
}
