package io.stowage.oci;

/** The platform of an index entry (image-index.md); optional fields are null. */
public record Platform(String architecture, String os, String variant) {
}
