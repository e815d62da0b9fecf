package dev.partnertokens.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;

import dev.partnertokens.api.PartnerApiApplication;
import dev.partnertokens.api.testing.PartnerApiDeployment;
import dev.partnertokens.testing.KeycloakExtension;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The partner API's OpenAPI document, served by WildFly's MicroProfile OpenAPI: version 3.1, this product's title and
 * security schemes, and every endpoint the WAR serves — no more, no less.
 */
@ExtendWith(KeycloakExtension.class)
@ExtendWith(ArquillianExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentIT {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PartnerApiDeployment.builtByMaven();
    }

    @Test
    void isAnOpenApi31DocumentOfThePartnerApiWithItsThreeWaysToAuthenticate() throws Exception {
        JsonObject document = document();

        assertThat(document.getString("openapi")).startsWith("3.1");
        assertThat(document.getJsonObject("info").getString("title")).isEqualTo("Partner Tokens — partner API");
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").keySet())
                .containsExactlyInAnyOrder("bearer", "accessToken", "keyBasic");
    }

    @Test
    void documentsExactlyTheEndpointsTheWarServes() throws Exception {
        JsonObject document = document();
        Set<String> documented = new TreeSet<>();
        for (var path : document.getJsonObject("paths").entrySet()) {
            for (String method : path.getValue().asJsonObject().keySet()) {
                if (HTTP_METHODS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + withoutContextRoot(path.getKey()));
                }
            }
        }
        assertThat(documented).isEqualTo(servedByTheWar());
    }

    @Test
    void isAlsoServedAsYaml() throws Exception {
        HttpResponse<String> yaml = http.send(HttpRequest.newBuilder(openApi("")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi: 3.1").contains("Partner Tokens — partner API");
    }

    private JsonObject document() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(openApi("?format=JSON")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private URI openApi(String query) {
        return URI.create(baseUrl.toString()).resolve("/openapi" + query);
    }

    private static String withoutContextRoot(String path) {
        return path.startsWith("/partner-api/") ? path.substring("/partner-api".length()) : path;
    }

    /** {@code METHOD /api/...} of every resource method of the WAR's classes (target/classes). */
    private static Set<String> servedByTheWar() throws Exception {
        String application = PartnerApiApplication.class.getAnnotation(ApplicationPath.class).value();
        Set<String> served = new TreeSet<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiDocumentIT.class.getClassLoader());
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    for (var annotation : method.getAnnotations()) {
                        HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                        if (http != null) {
                            jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                            served.add(http.value() + " " + join(application, root.value(), sub == null ? "" : sub.value()));
                        }
                    }
                }
            }
        }
        assertThat(served).hasSizeGreaterThan(10);
        return served;
    }

    private static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            String trimmed = part.replaceAll("^/+|/+$", "");
            if (!trimmed.isEmpty()) {
                path.append('/').append(trimmed);
            }
        }
        return path.toString().replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
    }
}
