package io.github.flare4j.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The models the emulator lists by default: text generation models Cloudflare lists in December 2026 (the ones
 * retired that year are gone; kimi-k2.5, retired on 2026-05-30, answers as kimi-k2.6), with descriptions like the real
 * catalogue's, and the properties Workers AI's model objects carry per model ({@link #propertiesJson}).
 */
public final class ModelCatalog {

    static final String FALLBACK_DESCRIPTION = "A text generation model served by the flare4j emulator.";

    private static final SequencedMap<String, String> DESCRIPTIONS = descriptions();

    private ModelCatalog() {
    }

    /** The default model ids, in listing order. */
    static List<String> defaultIds() {
        return List.copyOf(DESCRIPTIONS.keySet());
    }

    static String description(String id) {
        return DESCRIPTIONS.getOrDefault(id, FALLBACK_DESCRIPTION);
    }

    /**
     * The {@code properties} array of a model object, as Workers AI writes it: {@code [{"property_id":
     * "context_window","value":"131072"},{"property_id":"function_calling","value":"true"},..]}, values as strings
     * except {@code price} (an array of objects) and {@code reasoning_effort} (an object of the efforts taken). A
     * model the emulator knows nothing of gets {@code []}.
     *
     * @param id the model id
     * @return the array as JSON text
     */
    public static String propertiesJson(String id) {
        return PROPERTIES.getOrDefault(id, "[]");
    }

    /** Context window, then which of function calling, reasoning and vision, then any extra properties. */
    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            properties("@cf/meta/llama-3.3-70b-instruct-fp8-fast", 24000, "f--", price(0.29, 2.25)),
            properties("@cf/moonshotai/kimi-k2.6", 262144, "frv", paid(), price(0.95, 4.0)),
            properties("@cf/moonshotai/kimi-k2.7-code", 262144, "fr-", paid()),
            properties("@cf/zai-org/glm-5.2", 262144, "fr-", paid()),
            properties("@cf/zai-org/glm-5.3", 202752, "fr-", effort("max", "high", "low")),
            properties("@cf/zai-org/glm-5.3-flash", 131072, "fr-"),
            properties("@cf/deepseek-ai/deepseek-v4-flash-0731", 131072, "fr-"),
            properties("@cf/deepseek-ai/deepseek-v4-pro-0813", 131072, "fr-"),
            properties("@cf/qwen/qwen3.8-27b", 131072, "fr-"),
            properties("@cf/nvidia/nemotron-3-120b-a12b", 131072, "fr-"),
            properties("@cf/openai/gpt-oss-120b", 128000, "fr-", effort("low", "medium", "high")),
            properties("@cf/openai/gpt-oss-20b", 128000, "fr-", effort("low", "medium", "high")),
            properties("@cf/zai-org/glm-4.7-flash", 131072, "fr-"),
            properties("@cf/qwen/qwen3-30b-a3b-fp8", 32768, "fr-"),
            properties("@cf/meta/llama-4-scout-17b-16e-instruct", 131000, "f-v"),
            properties("@cf/meta/llama-3.1-8b-instruct-fp8", 32000, "---"),
            properties("@cf/meta/llama-3.2-3b-instruct", 128000, "---"),
            properties("@cf/meta/llama-3.2-1b-instruct", 60000, "---"),
            properties("@cf/mistralai/mistral-small-3.1-24b-instruct", 128000, "f-v"),
            properties("@cf/google/gemma-3-12b-it", 80000, "--v"),
            properties("@cf/google/gemma-4-26b-a4b-it", 256000, "frv"),
            properties("@cf/qwen/qwq-32b", 24000, "-r-"),
            properties("@cf/qwen/qwen2.5-coder-32b-instruct", 32768, "---"),
            properties("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b", 80000, "-r-"),
            properties("@cf/baai/bge-m3", 8192, "---"),
            properties("@cf/baai/bge-base-en-v1.5", 512, "---"),
            properties("@cf/baai/bge-small-en-v1.5", 512, "---"),
            properties("@cf/baai/bge-large-en-v1.5", 512, "---"),
            properties("@cf/google/embeddinggemma-300m", 2048, "---"));

    private static Map.Entry<String, String> properties(String id, int contextWindow, String flags, String... extra) {
        StringBuilder json = new StringBuilder("[").append(property("context_window", "\"" + contextWindow + "\""));
        String[] names = {"function_calling", "reasoning", "vision"};
        for (int i = 0; i < names.length; i++) {
            if (flags.charAt(i) != '-') {
                json.append(',').append(property(names[i], "\"true\""));
            }
        }
        for (String property : extra) {
            json.append(',').append(property);
        }
        return Map.entry(id, json.append(']').toString());
    }

    private static String property(String name, String value) {
        return "{\"property_id\":\"" + name + "\",\"value\":" + value + "}";
    }

    private static String paid() {
        return property("require_workers_paid", "\"true\"");
    }

    private static String price(double input, double output) {
        return property("price", "[{\"unit\":\"per M input tokens\",\"price\":" + input + ",\"currency\":\"USD\"},"
                + "{\"unit\":\"per M output tokens\",\"price\":" + output + ",\"currency\":\"USD\"}]");
    }

    private static String effort(String... efforts) {
        return property("reasoning_effort", "{\"supported_efforts\":[\"" + String.join("\",\"", efforts)
                + "\"],\"default_effort\":\"" + efforts[0] + "\"}");
    }

    private static SequencedMap<String, String> descriptions() {
        SequencedMap<String, String> models = new LinkedHashMap<>();
        models.put("@cf/meta/llama-3.3-70b-instruct-fp8-fast",
                "Llama 3.3 70B quantized to fp8 precision, optimized to be faster.");
        models.put("@cf/moonshotai/kimi-k2.6",
                "Kimi K2.6 is a mixture-of-experts model for agentic work, coding and long context.");
        models.put("@cf/moonshotai/kimi-k2.7-code",
                "Kimi K2.7 Code is a coding model tuned for long agentic sessions over a repository.");
        models.put("@cf/zai-org/glm-5.2",
                "GLM-5.2 is a large reasoning model for agents, coding and tool use.");
        models.put("@cf/zai-org/glm-5.3",
                "GLM-5.3 is Z.ai's flagship model with hybrid thinking and tool calling.");
        models.put("@cf/zai-org/glm-5.3-flash",
                "GLM-5.3-Flash is the fast, low-cost variant of GLM-5.3.");
        models.put("@cf/deepseek-ai/deepseek-v4-flash-0731",
                "DeepSeek V4 Flash is a fast mixture-of-experts model with a long context.");
        models.put("@cf/deepseek-ai/deepseek-v4-pro-0813",
                "DeepSeek V4 Pro is DeepSeek's large reasoning model.");
        models.put("@cf/qwen/qwen3.8-27b",
                "Qwen3.8 27B is a dense model with thinking and non-thinking modes.");
        models.put("@cf/nvidia/nemotron-3-120b-a12b",
                "Nemotron 3 120B A12B is NVIDIA's hybrid mixture-of-experts model for reasoning and agents.");
        models.put("@cf/openai/gpt-oss-120b",
                "OpenAI's open-weight model for production, general purpose, high reasoning use cases.");
        models.put("@cf/openai/gpt-oss-20b",
                "OpenAI's open-weight model for lower latency, and local or specialized use cases.");
        models.put("@cf/zai-org/glm-4.7-flash",
                "GLM-4.7-Flash is a fast, multilingual model with reasoning and tool calling.");
        models.put("@cf/qwen/qwen3-30b-a3b-fp8",
                "Qwen3 30B-A3B is a mixture-of-experts model with thinking and non-thinking modes.");
        models.put("@cf/meta/llama-4-scout-17b-16e-instruct",
                "Meta's Llama 4 Scout is a 17 billion parameter model with 16 experts that is natively multimodal.");
        models.put("@cf/meta/llama-3.1-8b-instruct-fp8",
                "Llama 3.1 8B quantized to FP8 precision.");
        models.put("@cf/meta/llama-3.2-3b-instruct",
                "The Llama 3.2 instruction-tuned text only models are optimized for multilingual dialogue use cases.");
        models.put("@cf/meta/llama-3.2-1b-instruct",
                "The Llama 3.2 instruction-tuned text only models are optimized for multilingual dialogue use cases.");
        models.put("@cf/mistralai/mistral-small-3.1-24b-instruct",
                "Building upon Mistral Small 3, Mistral Small 3.1 adds vision understanding and long context.");
        models.put("@cf/google/gemma-3-12b-it",
                "Gemma 3 models are well-suited for a variety of text generation and image understanding tasks.");
        models.put("@cf/google/gemma-4-26b-a4b-it",
                "Gemma 4 26B A4B is a mixture-of-experts model with a long context and image input.");
        models.put("@cf/qwen/qwq-32b",
                "QwQ is the reasoning model of the Qwen series, capable of thinking and reasoning.");
        models.put("@cf/qwen/qwen2.5-coder-32b-instruct",
                "Qwen2.5-Coder is the latest series of code-specific Qwen large language models.");
        models.put("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
                "DeepSeek-R1-Distill-Qwen-32B is a model distilled from DeepSeek-R1 based on Qwen2.5.");
        return Collections.unmodifiableSequencedMap(models);
    }
}
