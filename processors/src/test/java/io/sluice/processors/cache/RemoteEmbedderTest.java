package io.sluice.processors.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RemoteEmbedderTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String serve(int status, String body, AtomicReference<String> seen) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", ex -> {
            seen.set(ex.getRequestHeaders().getFirst("Authorization") + " " + new String(ex.getRequestBody()
                    .readAllBytes(), StandardCharsets.UTF_8));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/embeddings";
    }

    @Test
    void sendsTheTextWithTheCredentialAndNormalisesTheVector() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        String url = serve(200, "{\"data\":[{\"embedding\":[3.0,4.0]}]}", seen);
        float[] v = new RemoteEmbedder(new EmbeddingsSource(url, "Authorization", "Bearer sk-test",
                "text-embedding-3-small", 2_000)).embed("hello");
        assertThat(v).containsExactly(0.6f, 0.8f);
        assertThat(seen.get()).startsWith("Bearer sk-test ").contains("\"input\":\"hello\"")
                .contains("\"model\":\"text-embedding-3-small\"");
    }

    @Test
    void anErrorAnswerMakesTheEmbeddingUnavailable() throws Exception {
        String url = serve(503, "{}", new AtomicReference<>());
        RemoteEmbedder e = new RemoteEmbedder(new EmbeddingsSource(url, null, null, null, 2_000));
        assertThatThrownBy(() -> e.embed("hello")).isInstanceOf(EmbeddingUnavailableException.class)
                .hasMessageContaining("503");
    }
}
