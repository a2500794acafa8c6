package io.sluice.launcher.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** The few Files and Batch API calls the {@code batch} command makes, over plain HTTP. */
final class BatchClient {

    /** An answer that was not a success: its status and the OpenAI error message. */
    static final class CallFailed extends RuntimeException {
        CallFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String key;

    BatchClient(String baseUrl, String key) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = key;
    }

    JsonNode upload(String filename, byte[] content) {
        String boundary = "sluice-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename.replace("\"", "") + "\"\r\nContent-Type: application/jsonl\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return json(send(request("/v1/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build()));
    }

    JsonNode create(String fileId, String endpoint, String window) {
        var req = Json.MAPPER.createObjectNode().put("input_file_id", fileId).put("endpoint", endpoint)
                .put("completion_window", window);
        return json(send(request("/v1/batches").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(req))).build()));
    }

    JsonNode batch(String id) {
        return json(send(request("/v1/batches/" + id).GET().build()));
    }

    JsonNode cancel(String id) {
        return json(send(request("/v1/batches/" + id + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    byte[] content(String fileId) {
        return send(request("/v1/files/" + fileId + "/content").GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + key);
    }

    private byte[] send(HttpRequest request) {
        HttpResponse<byte[]> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CallFailed("could not reach " + base + " (" + e.getMessage() + "); is the gateway running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted");
        }
        if (r.statusCode() / 100 != 2) {
            String message;
            try {
                message = Json.MAPPER.readTree(r.body()).path("error").path("message").asText("");
            } catch (IOException e) {
                message = "";
            }
            throw new CallFailed("HTTP " + r.statusCode() + " from " + request.uri().getPath()
                    + (message.isEmpty() ? "" : ": " + message));
        }
        return r.body();
    }

    private static JsonNode json(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new CallFailed("the gateway answered something that is not JSON");
        }
    }
}
