package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document describes exactly what {@link AdminHandler#ENDPOINTS} serves: every (method, path) of the
 * table is in the document with the same operationId, and the document has nothing more. Its references all resolve,
 * every operation declares its responses, and every path parameter is declared.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static JsonNode document;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = AdminHandler.class.getResourceAsStream(AdminHandler.OPENAPI_RESOURCE)) {
            assertThat(in).as("the resource exists").isNotNull();
            document = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void isOpenApi31() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/api/v1");
    }

    @Test
    void describesEveryEndpointOfTheTableAndNothingElse() {
        Set<String> served = new TreeSet<>();
        for (Endpoint endpoint : AdminHandler.ENDPOINTS) {
            served.add(endpoint.method() + " " + endpoint.path().openApiPath() + " " + endpoint.operationId());
        }
        Set<String> described = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    described.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " "
                            + op.getValue().path("operationId").asText());
                }
            }
        }
        assertThat(described).containsExactlyElementsOf(served);
        assertThat(served).hasSize(AdminHandler.ENDPOINTS.size());
    }

    @Test
    void onlyTheDescriptionItselfIsOpen() {
        for (Endpoint endpoint : AdminHandler.ENDPOINTS) {
            JsonNode op = operation(endpoint);
            boolean open = op.has("security") && op.get("security").isEmpty();
            assertThat(open).as(endpoint.operationId()).isEqualTo(endpoint.open());
        }
    }

    @Test
    void everyOperationDeclaresItsResponsesAndPathParameters() {
        for (Endpoint endpoint : AdminHandler.ENDPOINTS) {
            JsonNode op = operation(endpoint);
            assertThat(op.path("summary").asText()).as(endpoint.operationId()).isNotEmpty();
            JsonNode responses = op.get("responses");
            assertThat(responses).as(endpoint.operationId()).isNotNull();
            boolean success = false;
            for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                success |= codes.next().startsWith("2");
            }
            assertThat(success).as(endpoint.operationId() + " has a success response").isTrue();
            if (!endpoint.open()) {
                assertThat(responses.has("401")).as(endpoint.operationId()).isTrue();
                assertThat(responses.has("403")).as(endpoint.operationId()).isTrue();
            }
            Set<String> declared = new HashSet<>();
            op.path("parameters").forEach(p -> {
                if (p.get("in").asText().equals("path")) {
                    declared.add(p.get("name").asText());
                    assertThat(p.get("required").asBoolean()).isTrue();
                }
            });
            Set<String> inPath = new HashSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-z]+)}")
                    .matcher(endpoint.path().openApiPath());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            assertThat(declared).as(endpoint.operationId()).isEqualTo(inPath);
            boolean takesBody = op.has("requestBody");
            if (endpoint.method().equals("PUT") || endpoint.method().equals("PATCH")
                    || endpoint.method().equals("POST")) {
                assertThat(takesBody || endpoint.method().equals("PUT")).as(endpoint.operationId() + " body")
                        .isTrue();
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> references = new ArrayList<>();
        collect(document, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        }
    }

    private static JsonNode operation(Endpoint endpoint) {
        return document.path("paths").path(endpoint.path().openApiPath())
                .path(endpoint.method().toLowerCase(Locale.ROOT));
    }

    private static void collect(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    references.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), references);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, references));
        }
    }
}
