package io.github.flare4j.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** The models the emulator lists by default, with descriptions like the real catalogue's. */
final class ModelCatalog {

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

    private static SequencedMap<String, String> descriptions() {
        SequencedMap<String, String> models = new LinkedHashMap<>();
        models.put("@cf/meta/llama-3.3-70b-instruct-fp8-fast",
                "Llama 3.3 70B quantized to fp8 precision, optimized to be faster.");
        models.put("@cf/meta/llama-3.1-8b-instruct-fp8",
                "Llama 3.1 8B quantized to FP8 precision.");
        models.put("@cf/meta/llama-3.1-8b-instruct",
                "The Meta Llama 3.1 collection of multilingual large language models is a collection of"
                        + " pretrained and instruction tuned generative models.");
        models.put("@cf/meta/llama-3.2-3b-instruct",
                "The Llama 3.2 instruction-tuned text only models are optimized for multilingual dialogue use cases.");
        models.put("@cf/meta/llama-3.2-1b-instruct",
                "The Llama 3.2 instruction-tuned text only models are optimized for multilingual dialogue use cases.");
        models.put("@cf/meta/llama-4-scout-17b-16e-instruct",
                "Meta's Llama 4 Scout is a 17 billion parameter model with 16 experts that is natively multimodal.");
        models.put("@cf/qwen/qwq-32b",
                "QwQ is the reasoning model of the Qwen series, capable of thinking and reasoning.");
        models.put("@cf/qwen/qwen2.5-coder-32b-instruct",
                "Qwen2.5-Coder is the latest series of code-specific Qwen large language models.");
        models.put("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
                "DeepSeek-R1-Distill-Qwen-32B is a model distilled from DeepSeek-R1 based on Qwen2.5.");
        models.put("@cf/google/gemma-3-12b-it",
                "Gemma 3 models are well-suited for a variety of text generation and image understanding tasks.");
        models.put("@cf/mistralai/mistral-small-3.1-24b-instruct",
                "Building upon Mistral Small 3, Mistral Small 3.1 adds vision understanding and long context.");
        models.put("@cf/mistral/mistral-7b-instruct-v0.1",
                "Instruct fine-tuned version of the Mistral-7b generative text model with 7 billion parameters.");
        models.put("@hf/thebloke/deepseek-coder-6.7b-base-awq",
                "Deepseek Coder is composed of a series of code language models, each trained from scratch.");
        models.put("@hf/nousresearch/hermes-2-pro-mistral-7b",
                "Hermes 2 Pro on Mistral 7B is the new flagship 7B Hermes with function calling.");
        models.put("@cf/microsoft/phi-2",
                "Phi-2 is a Transformer-based model with a next-word prediction objective.");
        return Collections.unmodifiableSequencedMap(models);
    }
}
