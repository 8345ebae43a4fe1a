package io.stowage.metadata.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/** A robot's scopes as a JSON array of strings in one text column, in their order; no scopes is {@code []}. */
final class ScopesJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };

    static String write(List<String> scopes) {
        try {
            return JSON.writeValueAsString(scopes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
    }

    /** Parses stored scopes; text that is not a JSON array of strings means the column was corrupted. */
    static List<String> read(String json) throws CorruptRowException {
        try {
            List<String> scopes = JSON.readValue(json, LIST);
            if (scopes == null || scopes.contains(null)) {
                throw new CorruptRowException("scopes hold a JSON null");
            }
            return List.copyOf(scopes);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CorruptRowException("scopes are not a JSON array of strings");
        }
    }

    private ScopesJson() {
    }
}
