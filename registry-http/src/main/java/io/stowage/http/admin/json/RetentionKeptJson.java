package io.stowage.http.admin.json;

/** A tag or untagged manifest the policies chose but a protection keeps ({@code IMMUTABLE}, …), and which. */
public record RetentionKeptJson(String repository, String reference, String protection, String detail) {
}
