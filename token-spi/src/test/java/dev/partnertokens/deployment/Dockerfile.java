package dev.partnertokens.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Dockerfile as a list of build stages of instructions (continuation lines joined, comments dropped), enough to
 * read what an image is built from and with.
 */
public record Dockerfile(List<Stage> stages) {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

    /** One instruction: its keyword in capitals and the rest of the line. */
    public record Instruction(String keyword, String arguments) {

        /** The JSON (exec) form's words, e.g. of CMD ["start", "--optimized"]. */
        public List<String> execForm() {
            try {
                return List.of(new ObjectMapper().readValue(arguments, String[].class));
            } catch (JsonProcessingException e) {
                throw new AssertionError(keyword + " " + arguments + " is not in exec form", e);
            }
        }
    }

    /** A build stage: FROM and what follows it. */
    public record Stage(String from, List<Instruction> instructions) {

        public List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        public Instruction last(String keyword) {
            List<Instruction> matching = all(keyword);
            if (matching.isEmpty()) {
                throw new AssertionError("No " + keyword + " in the stage FROM " + from);
            }
            return matching.get(matching.size() - 1);
        }

        /** The ENV variables of this stage, in order. */
        public Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            for (Instruction env : all("ENV")) {
                Matcher pair = ENV_PAIR.matcher(env.arguments());
                while (pair.find()) {
                    environment.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
                }
            }
            return environment;
        }
    }

    public static Dockerfile read(Path file) {
        List<Stage> stages = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : DeploymentFiles.text(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String instruction = logical.toString().strip();
            logical.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            String[] parts = instruction.split("\\s+", 2);
            Instruction parsed = new Instruction(parts[0].toUpperCase(), parts.length == 2 ? parts[1] : "");
            if (parsed.keyword().equals("FROM")) {
                stages.add(new Stage(parsed.arguments(), new ArrayList<>()));
            } else if (stages.isEmpty()) {
                throw new AssertionError(file + ": " + instruction + " before FROM");
            } else {
                stages.get(stages.size() - 1).instructions().add(parsed);
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    public Stage first() {
        return stages.get(0);
    }

    /** The stage the image is made of. */
    public Stage last() {
        return stages.get(stages.size() - 1);
    }
}
