package dev.partnertokens.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README and docs are the product's own: every relative link in them reaches a file of this repository (the
 * README's code map is one hop to the class that decides each rule), and none leaves it.
 */
class DocumentationLinksTest {

    /** {@code [text](target)}; the target up to a space, a closing parenthesis or an anchor. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(#[^)\\s]*)?\\)");
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsReachesAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents()) {
            Matcher links = LINK.matcher(Files.readString(document));
            while (links.find()) {
                String target = links.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                checked++;
                Path resolved = document.getParent().resolve(target).normalize();
                if (!resolved.startsWith(REPOSITORY)) {
                    broken.add(REPOSITORY.relativize(document) + " links outside the repository: " + target);
                } else if (!Files.exists(resolved)) {
                    broken.add(REPOSITORY.relativize(document) + " links to a missing file: " + target);
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    @Test
    void nothingNamesTheTeamsSharedFolder() throws IOException {
        for (Path document : documents()) {
            assertThat(Files.readString(document)).as(document.toString()).doesNotContain("../shared");
        }
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(REPOSITORY.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(REPOSITORY.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(documents::add);
        }
        try (Stream<Path> docker = Files.walk(REPOSITORY.resolve("docker"))) {
            docker.filter(path -> path.toString().endsWith(".md")).forEach(documents::add);
        }
        assertThat(documents.get(0)).exists();
        return documents;
    }
}
