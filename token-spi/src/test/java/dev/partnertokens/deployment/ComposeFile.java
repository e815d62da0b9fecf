package dev.partnertokens.deployment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A compose file as YAML reads it (merge keys {@code <<} applied), variables not yet interpolated.
 */
public record ComposeFile(Map<String, Object> document) {

    public static ComposeFile read(Path file) {
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(DeploymentFiles.text(file));
        return new ComposeFile(document);
    }

    public Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        map(document.get("services")).forEach((name, definition) -> services.put(name, new Service(name, map(definition))));
        return services;
    }

    public Service service(String name) {
        Service service = services().get(name);
        if (service == null) {
            throw new AssertionError("compose.yaml has no service " + name);
        }
        return service;
    }

    /** One service's definition. */
    public record Service(String name, Map<String, Object> definition) {

        /** The environment as written (both the map and the {@code NAME=value} list form), values uninterpolated. */
        public Map<String, String> environment() {
            Object environment = definition.get("environment");
            Map<String, String> result = new LinkedHashMap<>();
            if (environment instanceof Map<?, ?> entries) {
                entries.forEach((key, value) -> result.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
            } else if (environment instanceof List<?> entries) {
                for (Object entry : entries) {
                    String[] pair = String.valueOf(entry).split("=", 2);
                    result.put(pair[0], pair.length == 2 ? pair[1] : null);
                }
            }
            return result;
        }

        public List<String> command() {
            return strings(definition.get("command"));
        }

        public List<String> entrypoint() {
            return strings(definition.get("entrypoint"));
        }

        public List<String> profiles() {
            return strings(definition.get("profiles"));
        }

        public List<String> volumes() {
            return strings(definition.get("volumes"));
        }

        public List<String> ports() {
            return strings(definition.get("ports"));
        }

        public Optional<String> image() {
            return Optional.ofNullable((String) definition.get("image"));
        }

        public Optional<String> dockerfile() {
            return Optional.ofNullable((String) map(definition.get("build")).get("dockerfile"));
        }

        /** The health check's {@code test}, empty when the service has none. */
        public List<String> healthcheck() {
            return strings(map(definition.get("healthcheck")).get("test"));
        }

        /** The service's names in the network: its own and its aliases on the default network. */
        public List<String> hostNames() {
            Map<String, Object> network = map(map(definition.get("networks")).get("default"));
            List<String> aliases = strings(network.get("aliases"));
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(name), aliases.stream()).toList();
        }

        public Map<String, Object> dependsOn() {
            return map(definition.get("depends_on"));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
