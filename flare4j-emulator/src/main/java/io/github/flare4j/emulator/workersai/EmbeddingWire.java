package io.github.flare4j.emulator.workersai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Workers AI's text embedding models and their replies, written by hand: the REST API's v4
 * envelope {@code {"result":{"shape":[n,d],"data":[[..]],"pooling":"cls"},"success":true,..}} and
 * the OpenAI-compatible list {@code {"object":"list","data":[{"object":"embedding","index":0,
 * "embedding":[..]}],"model":..,"usage":{..}}}.
 *
 * <p>Each vector is derived from a SHA-256 of the model and the input, so the same text always
 * gets the same vector, of unit length and of the model's dimension; each input counts one token
 * per word (at least one).
 */
final class EmbeddingWire {

    /** Model id to the length of its vectors. */
    static final Map<String, Integer> MODELS = Map.of(
            "@cf/baai/bge-m3", 1024,
            "@cf/baai/bge-base-en-v1.5", 768,
            "@cf/baai/bge-small-en-v1.5", 384,
            "@cf/baai/bge-large-en-v1.5", 1024,
            "@cf/google/embeddinggemma-300m", 768);

    private EmbeddingWire() {
    }

    /**
     * The inputs of a request body: its {@code member} ({@code text} on REST, {@code input} on the
     * OpenAI API) as one string or an array of strings.
     *
     * @throws ChatBody.InvalidBody when the member is missing, empty or holds something else
     */
    static List<String> inputs(Object member, String name) throws ChatBody.InvalidBody {
        if (member instanceof String text) {
            return List.of(text);
        }
        if (member instanceof Object[] array && array.length > 0) {
            List<String> inputs = new ArrayList<>();
            for (Object element : array) {
                if (!(element instanceof String text)) {
                    throw new ChatBody.InvalidBody("Type mismatch of '/" + name + "', 'string' not in 'array'");
                }
                inputs.add(text);
            }
            return inputs;
        }
        throw new ChatBody.InvalidBody("Error: required properties at '/' are '" + name + "'");
    }

    /** The REST reply. */
    static String rest(String model, List<String> inputs) {
        int dimensions = MODELS.get(model);
        StringBuilder data = new StringBuilder("[");
        for (int i = 0; i < inputs.size(); i++) {
            if (i > 0) {
                data.append(',');
            }
            vector(data, model, inputs.get(i), dimensions);
        }
        data.append(']');
        Json result = new Json().raw("shape", "[" + inputs.size() + "," + dimensions + "]")
                .raw("data", data.toString()).string("pooling", "cls");
        return ReplyWire.success(result.toString());
    }

    /** The OpenAI-compatible reply. */
    static String openAi(String model, List<String> inputs) {
        int dimensions = MODELS.get(model);
        StringBuilder data = new StringBuilder("[");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            if (i > 0) {
                data.append(',');
            }
            data.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":");
            vector(data, model, inputs.get(i), dimensions);
            data.append('}');
            tokens += tokens(inputs.get(i));
        }
        data.append(']');
        return new Json().string("object", "list").raw("data", data.toString()).string("model", model)
                .object("usage", new Json().number("prompt_tokens", tokens).number("total_tokens", tokens))
                .toString();
    }

    /** One token per word, at least one per input. */
    static int tokens(String input) {
        String stripped = input.strip();
        return stripped.isEmpty() ? 1 : stripped.split("\\s+").length;
    }

    /** Appends the unit-length vector of {@code input} as a JSON array. */
    static void vector(StringBuilder out, String model, String input, int dimensions) {
        double[] values = values(model, input, dimensions);
        out.append('[');
        for (int i = 0; i < dimensions; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append((float) values[i]);
        }
        out.append(']');
    }

    /** The vector's numbers, from a hash of the model and the input. */
    static double[] values(String model, String input, int dimensions) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest((model + "\n" + input).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = seed << 8 | (digest[i] & 0xff);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[dimensions];
        double sum = 0;
        for (int i = 0; i < dimensions; i++) {
            values[i] = random.nextDouble() * 2 - 1;
            sum += values[i] * values[i];
        }
        double norm = Math.sqrt(sum);
        for (int i = 0; i < dimensions; i++) {
            values[i] /= norm;
        }
        return values;
    }
}
