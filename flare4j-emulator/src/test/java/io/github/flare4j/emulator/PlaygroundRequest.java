package io.github.flare4j.emulator;

import java.util.ArrayList;
import java.util.List;

/** Builds {@code POST /api/inference} bodies shaped like the playground's, for tests. */
final class PlaygroundRequest {

    private final List<String[]> messages = new ArrayList<>();
    private String model = "@cf/meta/llama-3.1-8b-instruct-fp8";
    private String system = "You are a helpful assistant";
    private Integer maxTokens = 512;
    private final List<String> tools = new ArrayList<>();

    static PlaygroundRequest user(String text) {
        return new PlaygroundRequest().message("user", text);
    }

    PlaygroundRequest message(String role, String text) {
        messages.add(new String[] {role, text});
        return this;
    }

    PlaygroundRequest model(String model) {
        this.model = model;
        return this;
    }

    PlaygroundRequest system(String system) {
        this.system = system;
        return this;
    }

    PlaygroundRequest maxTokens(Integer maxTokens) {
        this.maxTokens = maxTokens;
        return this;
    }

    PlaygroundRequest tool(String name) {
        tools.add(name);
        return this;
    }

    String json() {
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < messages.size(); i++) {
            String role = messages.get(i)[0];
            String text = messages.get(i)[1];
            json.append(i == 0 ? "" : ",")
                    .append("{\"role\":").append(quote(role))
                    .append(",\"content\":").append(quote(text))
                    .append(",\"parts\":[{\"type\":\"text\",\"text\":").append(quote(text)).append("}]}");
        }
        json.append("],\"lora\":null,\"model\":").append(quote(model))
                .append(",\"max_tokens\":").append(maxTokens)
                .append(",\"stream\":true,\"system_message\":").append(system == null ? "null" : quote(system))
                .append(",\"tools\":[");
        for (int i = 0; i < tools.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(tools.get(i)))
                    .append(",\"description\":\"a tool\",\"parameters\":{\"type\":\"object\"}}");
        }
        return json.append("]}").toString();
    }

    /** Test-side JSON quoting, kept apart from the emulator's own. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
