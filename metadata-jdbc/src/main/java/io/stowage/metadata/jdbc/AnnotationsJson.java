package io.stowage.metadata.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/** Annotations as a JSON object in one text column; no annotations is SQL NULL. */
final class AnnotationsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    static String write(Map<String, String> annotations) {
        if (annotations.isEmpty()) {
            return null;
        }
        try {
            // Sorted keys: the same annotations always store as the same text.
            return JSON.writeValueAsString(new TreeMap<>(annotations));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    /** Parses stored annotations; text that is not a JSON object of strings means the column was corrupted. */
    static Map<String, String> read(String json) throws CorruptRowException {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, String> annotations = JSON.readValue(json, MAP);
            if (annotations == null || annotations.containsKey(null) || annotations.containsValue(null)) {
                throw new CorruptRowException("annotations hold a JSON null");
            }
            return Map.copyOf(annotations);
        } catch (JsonProcessingException e) {
            throw new CorruptRowException("annotations are not a JSON object of strings");
        }
    }

    private AnnotationsJson() {
    }
}
