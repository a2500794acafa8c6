package io.sluice.processors.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Embeddings from an OpenAI-compatible endpoint (OpenAI, Azure OpenAI, the simulator). The stream
 * thread waits for the call, bounded by the source's timeout; past it the request bypasses the
 * cache. The in-process model is the faster choice; this is for deployments that want one shared
 * embedding model.
 */
final class RemoteEmbedder implements Embedder {

    private final EmbeddingsSource source;
    private final HttpClient http;

    RemoteEmbedder(EmbeddingsSource source) {
        this.source = source;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(source.timeoutMs())).build();
    }

    @Override
    public float[] embed(String text) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("input", text);
        if (source.model() != null) {
            body.put("model", source.model());
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(source.url()))
                .timeout(Duration.ofMillis(source.timeoutMs()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body)));
        if (source.authHeaderName() != null && source.authHeaderValue() != null) {
            req.header(source.authHeaderName(), source.authHeaderValue());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new EmbeddingUnavailableException("embeddings endpoint unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingUnavailableException("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new EmbeddingUnavailableException("embeddings endpoint answered HTTP " + response.statusCode());
        }
        try {
            JsonNode vector = Json.MAPPER.readTree(response.body()).path("data").path(0).path("embedding");
            if (!vector.isArray() || vector.isEmpty()) {
                throw new EmbeddingUnavailableException("embeddings answer has no data[0].embedding");
            }
            float[] v = new float[vector.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) vector.get(i).asDouble();
            }
            return Embedder.unit(v);
        } catch (IOException e) {
            throw new EmbeddingUnavailableException("embeddings answer is not JSON");
        }
    }
}
