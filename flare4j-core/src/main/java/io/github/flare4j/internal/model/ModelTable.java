package io.github.flare4j.internal.model;

import java.util.Map;

/**
 * Short names for the text generation models Cloudflare hosts, the same on the playground and on
 * Workers AI (the playground lists Workers AI's catalogue). The seed's aliases whose models
 * Cloudflare still lists are kept; those whose models were retired in 2026 are gone, and the
 * current models are added. The service's live list has the last word: an alias whose model it
 * does not list is refused before anything is sent.
 */
public final class ModelTable {
  /** The seed's default model, still listed. */
  public static final String SEED_DEFAULT = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

  /** Alias to model id. */
  public static final Map<String, String> ALIASES = Aliases.of(
      // from the seed, still listed
      "deepseek-distill-qwen-32b", "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
      "gemma-3-12b", "@cf/google/gemma-3-12b-it",
      "llama-3.1-8b", "@cf/meta/llama-3.1-8b-instruct-fp8",
      "llama-3.2-11b-vision", "@cf/meta/llama-3.2-11b-vision-instruct",
      "llama-3.2-1b", "@cf/meta/llama-3.2-1b-instruct",
      "llama-3.2-3b", "@cf/meta/llama-3.2-3b-instruct",
      "llama-3.3-70b", "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      "llama-4-scout", "@cf/meta/llama-4-scout-17b-16e-instruct",
      "llama-guard-3-8b", "@cf/meta/llama-guard-3-8b",
      "mistral-small-3.1-24b", "@cf/mistralai/mistral-small-3.1-24b-instruct",
      "qwen-2.5-coder-32b", "@cf/qwen/qwen2.5-coder-32b-instruct",
      "qwq-32b", "@cf/qwen/qwq-32b",
      // current models
      "gemma-4-26b", "@cf/google/gemma-4-26b-a4b-it",
      "glm-4.7-flash", "@cf/zai-org/glm-4.7-flash",
      "gpt-oss-120b", "@cf/openai/gpt-oss-120b",
      "gpt-oss-20b", "@cf/openai/gpt-oss-20b",
      "granite-4.0-h-micro", "@cf/ibm-granite/granite-4.0-h-micro",
      "kimi-k2.5", "@cf/moonshotai/kimi-k2.5",
      "kimi-k2.6", "@cf/moonshotai/kimi-k2.6",
      "qwen3-30b-a3b", "@cf/qwen/qwen3-30b-a3b-fp8");

  private ModelTable() {}
}
