package io.sluice.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol (a WebSocket from the JDK):
 * open a page, run JavaScript in it, take a screenshot. No driver or npm package needed.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    /** The browser binary: {@code -Dsluice.test.chromium=PATH}, else Debian's chromium and the usual names. */
    static Optional<Path> binary() {
        String configured = System.getProperty("sluice.test.chromium");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    static HeadlessChromium start(Path binary) throws Exception {
        Path profile = Files.createTempDirectory("sluice-chromium");
        Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).start();
        String browserUrl = awaitDevTools(p);
        URI browser = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        String list = "http://" + browser.getHost() + ":" + browser.getPort() + "/json/list";
        String[] found = new String[1];
        try {
            org.awaitility.Awaitility.await("Chromium opens a page").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        JsonNode targets = Json.MAPPER.readTree(http.send(
                                HttpRequest.newBuilder(URI.create(list)).build(),
                                HttpResponse.BodyHandlers.ofString()).body());
                        for (JsonNode t : targets) {
                            if ("page".equals(t.path("type").asText())) {
                                found[0] = t.path("webSocketDebuggerUrl").asText();
                            }
                        }
                        return found[0] != null;
                    });
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw new IllegalStateException("Chromium opened no page", e);
        }
        String pageUrl = found[0];
        HeadlessChromium[] self = new HeadlessChromium[1];
        StringBuilder partial = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String message = partial.toString();
                    partial.setLength(0);
                    self[0].received(message);
                }
                webSocket.request(1);
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(p, profile, ws);
        self[0].call("Page.enable", Json.MAPPER.createObjectNode());
        return self[0];
    }

    private static String awaitDevTools(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new IllegalStateException("Chromium exited without a DevTools endpoint"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("Chromium did not start: " + e.getMessage(), e);
        }
    }

    private void received(String message) {
        try {
            JsonNode n = Json.MAPPER.readTree(message);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                if (f != null) {
                    if (n.has("error")) {
                        f.completeExceptionally(new IllegalStateException(n.get("error").toString()));
                    } else {
                        f.complete(n.path("result"));
                    }
                }
            }
        } catch (IOException e) {
            // an event we cannot read is of no interest
        }
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = Json.MAPPER.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", params);
        socket.sendText(msg.toString(), true).get(10, TimeUnit.SECONDS);
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Opens {@code url} and waits until the document has loaded. */
    void open(String url) throws Exception {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("url", url);
        call("Page.navigate", p);
        org.awaitility.Awaitility.await("page " + url + " loads").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "complete".equals(eval("document.readyState").asText()));
    }

    /** The value of a JavaScript expression evaluated in the page. */
    JsonNode eval(String expression) throws Exception {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("expression", expression);
        p.put("returnByValue", true);
        p.put("awaitPromise", true);
        JsonNode r = call("Runtime.evaluate", p);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Text of the element with this id (trimmed), or null when there is none. */
    String text(String id) throws Exception {
        JsonNode v = eval("(function(){var e=document.getElementById(" + Json.toString(id)
                + ");return e?e.textContent.trim():null;})()");
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    boolean visible(String id) throws Exception {
        return eval("(function(){var e=document.getElementById(" + Json.toString(id)
                + ");return !!e && !e.hidden && e.offsetParent!==null;})()").asBoolean();
    }

    void screenshot(Path file) throws Exception {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("format", "png");
        p.put("captureBeyondViewport", true);
        String data = call("Page.captureScreenshot", p).path("data").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(data));
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } catch (RuntimeException e) {
            // closing anyway
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind
        }
    }
}
