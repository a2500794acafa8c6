package io.sluice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test client for a simulator: JDK HttpClient calls with bounded waits, and raw sockets for connection faults. */
final class SimHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration BOUND = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(BOUND)
            .build();
    private final String root;
    private final int port;

    SimHttp(BackendSimulator simulator) {
        this.root = simulator.azureEndpoint();
        this.port = simulator.port();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, BOUND, headers);
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return send("POST", path, body, BOUND, headers);
    }

    HttpResponse<String> send(String method, String path, String body, Duration timeout, String... headers) {
        try {
            return sendOrThrow(method, path, body, timeout, headers);
        } catch (IOException e) {
            throw new AssertionError("request failed: " + method + " " + path, e);
        }
    }

    HttpResponse<String> sendOrThrow(String method, String path, String body, Duration timeout, String... headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends one HTTP/1.1 request on a fresh socket and returns every byte received until the server closes it. */
    String raw(String method, String path, String body) throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) BOUND.toMillis());
            socket.setSoTimeout((int) BOUND.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a reset after the server closed counts as closed; what arrived before is kept
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    static List<String> events(String body) {
        List<String> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith("data: ")) {
                events.add(block.substring("data: ".length()));
            }
        }
        return events;
    }

    static String chat(String model, String userText) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + userText + "\"}]}";
    }

    static String streamingChat(String model, String userText, boolean includeUsage) {
        return "{\"model\":\"" + model + "\",\"stream\":true"
                + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + userText + "\"}]}";
    }
}
