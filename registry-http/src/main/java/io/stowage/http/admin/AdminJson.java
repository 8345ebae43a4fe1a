package io.stowage.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.stowage.oci.error.ParameterInvalidException;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * JSON in and out of the administration API. Reading is strict: unknown fields, a value of the wrong type (no
 * {@code "true"} for true, no number for a string), trailing content and anything but an object at the top are
 * refused with a 400 whose message names the field, never the value (it may be a password).
 */
final class AdminJson {

    static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = mapper();

    private AdminJson() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer,
                LogicalType.Float, LogicalType.Collection, LogicalType.POJO}) {
            for (CoercionInputShape shape : CoercionInputShape.values()) {
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        return mapper;
    }

    /** The body as {@code type}, which must be a JSON object. */
    static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new ParameterInvalidException("a JSON object is required");
        }
        ObjectReader reader = MAPPER.readerFor(type);
        T value;
        try {
            if (!MAPPER.readTree(body).isObject()) {
                throw new ParameterInvalidException("the body must be a JSON object");
            }
            value = reader.readValue(body);
        } catch (UnrecognizedPropertyException e) {
            throw new ParameterInvalidException("unknown field '" + e.getPropertyName() + "'");
        } catch (StreamReadException e) {
            throw new ParameterInvalidException("malformed JSON" + location(e));
        } catch (JsonMappingException e) {
            throw new ParameterInvalidException(e.getPath().isEmpty() ? "the body does not fit this request"
                    : "field '" + path(e) + "' has the wrong type");
        } catch (IOException e) {
            throw new ParameterInvalidException("malformed JSON");
        }
        if (value == null) {
            throw new ParameterInvalidException("a JSON object is required");
        }
        return value;
    }

    static byte[] write(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response document not serialisable", e);
        }
    }

    /** One line of a JSON Lines export. */
    static byte[] line(Object document) {
        byte[] json = write(document);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    private static String location(StreamReadException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
