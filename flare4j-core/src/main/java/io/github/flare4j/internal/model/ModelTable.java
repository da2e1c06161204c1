package io.github.flare4j.internal.model;

import java.util.Map;
import java.util.Set;

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
      // current models (December 2026)
      "deepseek-v4-flash", "@cf/deepseek-ai/deepseek-v4-flash-0731",
      "deepseek-v4-pro", "@cf/deepseek-ai/deepseek-v4-pro-0813",
      "gemma-4-26b", "@cf/google/gemma-4-26b-a4b-it",
      "glm-4.7-flash", "@cf/zai-org/glm-4.7-flash",
      "glm-5.2", "@cf/zai-org/glm-5.2",
      "glm-5.3", "@cf/zai-org/glm-5.3",
      "glm-5.3-flash", "@cf/zai-org/glm-5.3-flash",
      "gpt-oss-120b", "@cf/openai/gpt-oss-120b",
      "gpt-oss-20b", "@cf/openai/gpt-oss-20b",
      "granite-4.0-h-micro", "@cf/ibm-granite/granite-4.0-h-micro",
      // kimi-k2.5 was retired on 2026-05-30; Cloudflare answers its name as kimi-k2.6
      "kimi-k2.5", "@cf/moonshotai/kimi-k2.6",
      "kimi-k2.6", "@cf/moonshotai/kimi-k2.6",
      "kimi-k2.7-code", "@cf/moonshotai/kimi-k2.7-code",
      "nemotron-3-120b", "@cf/nvidia/nemotron-3-120b-a12b",
      "qwen3-30b-a3b", "@cf/qwen/qwen3-30b-a3b-fp8",
      "qwen3.8-27b", "@cf/qwen/qwen3.8-27b");

  /**
   * The models that answer a Free-plan account with HTTP 403 and code 5035 since 2026-07-28: they
   * need the Workers Paid plan.
   */
  public static final Set<String> PAID_ONLY = Set.of(
      "@cf/moonshotai/kimi-k2.6",
      "@cf/moonshotai/kimi-k2.7-code",
      "@cf/zai-org/glm-5.2");

  private ModelTable() {}
}
