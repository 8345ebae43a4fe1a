package io.stowage.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/kubernetes/} must describe a scale-out deployment that this registry accepts: its configuration
 * loads through the registry's own loader, every variable it sets is a real setting, its probes and Service reach the
 * port the registry listens on, and its secrets stay out of the ConfigMap. Parsed as YAML only; no cluster needed.
 */
class KubernetesManifestsTest {

    private static final Path DIRECTORY = Path.of("..", "deploy", "kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The settings whose values are secrets: they must come from the Secret, never from the config file. */
    private static final List<Setting> SECRET_SETTINGS = List.of(Setting.STORAGE_S3_ACCESS_KEY,
            Setting.STORAGE_S3_SECRET_KEY, Setting.METADATA_POSTGRES_PASSWORD);

    /** File name → the YAML documents in it. */
    private static Map<String, List<JsonNode>> files;

    @BeforeAll
    static void parseEveryFile() throws IOException {
        files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(DIRECTORY)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                List<JsonNode> documents = new ArrayList<>();
                try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(path.toFile())) {
                    it.forEachRemaining(documents::add);
                }
                files.put(path.getFileName().toString(), documents);
            }
        }
        assertThat(files).as("manifests in " + DIRECTORY.toAbsolutePath()).isNotEmpty();
    }

    @Test
    void everyDocumentHasApiVersionKindAndName() {
        files.forEach((file, documents) -> {
            assertThat(documents).as(file).isNotEmpty();
            for (JsonNode document : documents) {
                assertThat(document.isObject()).as(file).isTrue();
                assertThat(document.path("apiVersion").asText()).as(file + " apiVersion").isNotBlank();
                assertThat(document.path("kind").asText()).as(file + " kind").isNotBlank();
                assertThat(document.path("metadata").path("name").asText()).as(file + " metadata.name").isNotBlank();
            }
        });
    }

    @Test
    void theKustomizationListsEveryOtherManifest() {
        JsonNode kustomization = single("Kustomization");
        Set<String> others = new TreeSet<>(files.keySet());
        others.remove("kustomization.yaml");

        assertThat(texts(kustomization.path("resources"))).containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void theConfigMapIsAScaleOutConfigurationTheRegistryLoads(@TempDir Path tmp) throws IOException {
        Config config = loadConfigMap(tmp);

        assertThat(config.get(Setting.STORAGE_TYPE)).isEqualTo("s3");
        assertThat(config.get(Setting.METADATA_TYPE)).isEqualTo("postgres");
        assertThat(config.require(Setting.STORAGE_S3_ENDPOINT)).isNotBlank();
        assertThat(config.require(Setting.STORAGE_S3_BUCKET)).isNotBlank();
        assertThat(config.require(Setting.METADATA_POSTGRES_URL)).startsWith("jdbc:postgresql://");
        assertThat(config.require(Setting.METADATA_POSTGRES_USER)).isNotBlank();
        // Reachable from the kubelet and the Service, not only from inside the pod.
        assertThat(config.listen().host()).isIn("0.0.0.0", "::");
        assertThat(config.listen().port()).isEqualTo(containerPort("http"));
    }

    @Test
    void everyStowageVariableOfTheDeploymentIsASetting() {
        Set<String> known = Setting.ALL.stream().map(Setting::environmentVariable).collect(Collectors.toSet());
        List<String> variables = environment().keySet().stream().filter(n -> n.startsWith("STOWAGE_")).toList();

        assertThat(variables).isNotEmpty();
        assertThat(variables).allSatisfy(name -> assertThat(known).as("settings' variables").contains(name));
    }

    @Test
    void secretSettingsComeFromTheSecretAndNotFromTheConfigMap(@TempDir Path tmp) throws IOException {
        JsonNode secret = single("Secret");
        Map<String, String> secretValues = secretValues(secret);
        Map<String, JsonNode> environment = environment();
        Config config = loadConfigMap(tmp);

        for (Setting setting : SECRET_SETTINGS) {
            JsonNode reference = environment.getOrDefault(setting.environmentVariable(), YAML.missingNode())
                    .path("valueFrom").path("secretKeyRef");
            assertThat(reference.path("name").asText()).as(setting.environmentVariable())
                    .isEqualTo(secret.path("metadata").path("name").asText());
            assertThat(secretValues).as(setting.environmentVariable()).containsKey(reference.path("key").asText());
            assertThat(config.get(setting)).as(setting.key() + " in the ConfigMap").isEmpty();
        }
        String configMap = configMapText();
        assertThat(secretValues.values()).isNotEmpty()
                .allSatisfy(value -> assertThat(configMap).doesNotContain(value));
    }

    @Test
    void probesAskReadyzAndHealthzOnTheContainerPort() {
        JsonNode container = container();

        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            JsonNode port = container.path(probe).path("httpGet").path("port");
            if (!container.path(probe).isMissingNode()) {
                assertThat(resolvePort(port)).as(probe).isEqualTo(containerPort("http"));
            }
        }
    }

    @Test
    void theServiceSelectsTheDeploymentsPodsWithoutAffinity() {
        JsonNode service = single("Service");
        Map<String, String> podLabels = strings(single("Deployment").path("spec").path("template")
                .path("metadata").path("labels"));
        Map<String, String> selector = strings(service.path("spec").path("selector"));

        assertThat(selector).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(selector);
        assertThat(service.path("spec").path("sessionAffinity").asText("None")).isEqualTo("None");
        JsonNode targetPort = service.path("spec").path("ports").path(0).path("targetPort");
        assertThat(resolvePort(targetPort)).isEqualTo(containerPort("http"));
    }

    @Test
    void podsAreGivenLongerThanTheRegistryTakesToDrain(@TempDir Path tmp) throws IOException {
        Duration stopTimeout = loadConfigMap(tmp).getDuration(Setting.STOP_TIMEOUT);
        JsonNode pod = single("Deployment").path("spec").path("template").path("spec");
        long preStopSeconds = container().path("lifecycle").path("preStop").path("sleep").path("seconds").asLong(0);

        assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong()))
                .isGreaterThan(stopTimeout.plusSeconds(preStopSeconds));
    }

    private static Config loadConfigMap(Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("stowage.yaml"), configMapText());
        return Config.load(Optional.of(file), Map.of(), Map.of());
    }

    private static String configMapText() {
        String text = single("ConfigMap").path("data").path("stowage.yaml").asText();
        assertThat(text).as("the ConfigMap's stowage.yaml").isNotBlank();
        return text;
    }

    private static JsonNode container() {
        JsonNode containers = single("Deployment").path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** The container's environment variables by name. */
    private static Map<String, JsonNode> environment() {
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        container().path("env").forEach(e -> environment.put(e.path("name").asText(), e));
        return environment;
    }

    private static int containerPort(String name) {
        for (JsonNode port : container().path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("the container has no port named " + name);
    }

    /** A port given by number or by the container port's name. */
    private static int resolvePort(JsonNode port) {
        return port.isInt() ? port.asInt() : containerPort(port.asText());
    }

    private static Map<String, String> secretValues(JsonNode secret) {
        Map<String, String> values = new LinkedHashMap<>(strings(secret.path("stringData")));
        strings(secret.path("data")).forEach((key, encoded) ->
                values.put(key, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)));
        return values;
    }

    private static JsonNode single(String kind) {
        List<JsonNode> matching = files.values().stream().flatMap(List::stream)
                .filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(matching).as("documents of kind " + kind).hasSize(1);
        return matching.getFirst();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
