package dev.partnertokens.deployment;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/compose.yaml, interpolated with production's settings, against the current Compose Specification's own JSON
 * schema (src/test/resources/compose-spec/, unmodified): what today's {@code docker compose} accepts, next to
 * {@link ComposeSpecificationTest}'s docker-compose 1.29.
 */
class ComposeSchemaTest {

    private static final JsonSchema SCHEMA = loadSchema();

    @Test
    void theComposeFileFollowsTheComposeSpecification() {
        Set<ValidationMessage> errors = SCHEMA.validate(interpolated());
        assertThat(errors).isEmpty();
    }

    @Test
    void theSchemaRejectsAMisspeltHealthCheck() {
        ObjectNode document = (ObjectNode) interpolated();
        ((ObjectNode) document.path("services").path("partner-api").path("healthcheck")).put("intervall", "10s");
        assertThat(SCHEMA.validate(document)).extracting(ValidationMessage::getMessage)
                .anyMatch(message -> message.contains("intervall"));
    }

    private static JsonNode interpolated() {
        String text = ComposeVariables.interpolate(DeploymentFiles.text(DeploymentFiles.compose()), ComposeSpecificationTest.SETTINGS);
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return new ObjectMapper().valueToTree(document);
    }

    /** Loaded from the class path by location, so that the schema's relative {@code $id} has a base to resolve against. */
    private static JsonSchema loadSchema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
    }
}
