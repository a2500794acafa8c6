package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddingsTest {

    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    @RegisterExtension
    static final SimulatorExtension sim = new SimulatorExtension();

    @Test
    void answersWithUnitVectorsOfTheDefaultDimensions() {
        HttpResponse<String> response = embed("{\"model\":\"text-embedding-3-small\",\"input\":\"a quiet river\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SimHttp.json(response);
        assertThat(ChatCompletionsTest.fieldNames(body)).containsExactly("object", "data", "model", "usage");
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-small");
        JsonNode item = body.at("/data/0");
        assertThat(ChatCompletionsTest.fieldNames(item)).containsExactly("object", "index", "embedding");
        assertThat(item.get("object").asText()).isEqualTo("embedding");
        assertThat(item.get("embedding")).hasSize(1536);
        assertThat(norm(floats(item.get("embedding")))).isCloseTo(1.0, within(1e-4));
        int tokens = CL100K.countTokens("a quiet river");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(tokens);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(tokens);
    }

    @Test
    void honoursRequestedDimensions() {
        JsonNode body = SimHttp.json(embed(
                "{\"model\":\"text-embedding-3-small\",\"input\":\"a quiet river\",\"dimensions\":256}"));

        assertThat(body.at("/data/0/embedding")).hasSize(256);
        assertThat(norm(floats(body.at("/data/0/embedding")))).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void sameInputGivesTheSameVectorAndOtherInputsDiffer() {
        String request = "{\"model\":\"text-embedding-3-small\",\"input\":[\"alpha\",\"beta\",\"alpha\"],"
                + "\"dimensions\":64}";
        JsonNode data = SimHttp.json(embed(request)).get("data");
        JsonNode again = SimHttp.json(embed(request)).get("data");

        assertThat(data).hasSize(3);
        assertThat(data.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(data.get(0).get("embedding")).isEqualTo(data.get(2).get("embedding"));
        assertThat(data.get(0).get("embedding")).isNotEqualTo(data.get(1).get("embedding"));
        assertThat(again).isEqualTo(data);
    }

    @Test
    void encodesLittleEndianFloat32AsBase64() {
        JsonNode floats = SimHttp.json(embed(
                "{\"model\":\"text-embedding-3-small\",\"input\":\"hello\",\"dimensions\":32}"));
        JsonNode base64 = SimHttp.json(embed("{\"model\":\"text-embedding-3-small\",\"input\":\"hello\","
                + "\"dimensions\":32,\"encoding_format\":\"base64\"}"));

        byte[] bytes = Base64.getDecoder().decode(base64.at("/data/0/embedding").asText());
        assertThat(bytes).hasSize(32 * 4);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] expected = floats(floats.at("/data/0/embedding"));
        for (float value : expected) {
            assertThat(buffer.getFloat()).isEqualTo(value);
        }
    }

    @Test
    void acceptsTokenIdInputsAndCountsThem() {
        JsonNode single = SimHttp.json(embed("{\"model\":\"text-embedding-3-small\",\"input\":[15339,1917]}"));
        JsonNode nested = SimHttp.json(embed(
                "{\"model\":\"text-embedding-3-small\",\"input\":[[15339,1917],[15339]]}"));

        assertThat(single.get("data")).hasSize(1);
        assertThat(single.at("/usage/prompt_tokens").asInt()).isEqualTo(2);
        assertThat(nested.get("data")).hasSize(2);
        assertThat(nested.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
        assertThat(nested.at("/data/0/embedding")).isEqualTo(single.at("/data/0/embedding"));
    }

    @Test
    void rejectsMissingOrInvalidInputNamingIt() {
        HttpResponse<String> missing = embed("{\"model\":\"text-embedding-3-small\"}");
        HttpResponse<String> invalid = embed("{\"model\":\"text-embedding-3-small\",\"input\":{\"a\":1}}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(missing).at("/error/param").asText()).isEqualTo("input");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(invalid).at("/error/param").asText()).isEqualTo("input");
    }

    @Test
    void rejectsAnUnknownEncodingFormat() {
        HttpResponse<String> response = embed(
                "{\"model\":\"text-embedding-3-small\",\"input\":\"x\",\"encoding_format\":\"int8\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(response).at("/error/param").asText()).isEqualTo("encoding_format");
    }

    private static HttpResponse<String> embed(String body) {
        return sim.http().post("/v1/embeddings", body);
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).floatValue();
        }
        return values;
    }

    private static double norm(float[] vector) {
        double squares = 0;
        for (float value : vector) {
            squares += value * value;
        }
        return Math.sqrt(squares);
    }
}
