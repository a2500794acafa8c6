package io.sluice.launcher.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Json;
import io.sluice.records.batch.BatchInputLine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code ./sluice batch}: submits a JSONL file through the gateway's Batch API and, with
 * {@code --wait}, shows a progress bar until the batch ends and writes its output (and error) file.
 */
public final class BatchCommand {

    static final String USAGE = """
            Usage: ./sluice batch submit FILE.jsonl [--wait] [options]
                   ./sluice batch status BATCH_ID [options]
                   ./sluice batch cancel BATCH_ID [options]

              --wait                   follow the batch with a progress bar, then write its results
              --output FILE            where the output file goes (default: FILE.output.jsonl next to the input)
              --errors FILE            where the error file goes (default: FILE.errors.jsonl)
              --url URL                the gateway (default http://127.0.0.1:8080, or $SLUICE_URL)
              --key KEY                the API key (default $SLUICE_API_KEY, then $OPENAI_API_KEY, then sk-sluice-demo)
              --endpoint PATH          /v1/chat/completions or /v1/embeddings (default: the first line's url)
              --completion-window W    e.g. 24h (default), 90m
              --poll-ms N              how often --wait asks for the status (default 500)""";

    private final PrintStream out;
    private final PrintStream err;
    private final UnaryOperator<String> env;
    private final boolean terminal;

    BatchCommand(PrintStream out, PrintStream err, UnaryOperator<String> env, boolean terminal) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
    }

    /** Runs the command as {@code ./sluice batch} does; returns the exit code. */
    public static int run(String[] args) {
        return new BatchCommand(System.out, System.err, System::getenv, System.console() != null).execute(args);
    }

    /** Runs the command writing to {@code out} and {@code err} (no terminal: progress as plain lines). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new BatchCommand(out, err, System::getenv, false).execute(args);
    }

    int execute(String[] args) {
        Options o;
        try {
            o = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        BatchClient client = new BatchClient(o.url(), o.key());
        try {
            return switch (o.command()) {
                case "submit" -> submit(client, o);
                case "status" -> {
                    out.println(Json.toString(client.batch(o.target())));
                    yield 0;
                }
                case "cancel" -> {
                    out.println(Json.toString(client.cancel(o.target())));
                    yield 0;
                }
                default -> throw new IllegalStateException("unreachable");
            };
        } catch (BatchClient.CallFailed e) {
            err.println("batch: " + e.getMessage());
            return 1;
        }
    }

    private int submit(BatchClient client, Options o) {
        Path input = Path.of(o.target());
        byte[] content;
        try {
            content = Files.readAllBytes(input);
        } catch (IOException e) {
            err.println("batch: cannot read " + input + " (" + e.getMessage() + ")");
            return 2;
        }
        String endpoint = o.endpoint() != null ? o.endpoint() : firstUrl(content);
        JsonNode file = client.upload(input.getFileName().toString(), content);
        out.println("Uploaded " + input + " as " + file.path("id").asText() + " (" + file.path("bytes").asLong()
                + " bytes)");
        if (!file.path("status_details").isNull() && !file.path("status_details").asText().isEmpty()) {
            out.println("  " + file.path("status_details").asText());
        }
        JsonNode batch = client.create(file.path("id").asText(), endpoint, o.window());
        String id = batch.path("id").asText();
        out.println("Batch " + id + ": " + batch.path("request_counts").path("total").asLong() + " lines, "
                + endpoint + ", completion window " + o.window());
        if (!o.waitForEnd()) {
            out.println("Follow it with: ./sluice batch status " + id);
            return 0;
        }
        long started = System.nanoTime();
        JsonNode end = follow(client, id, o.pollMs());
        double seconds = (System.nanoTime() - started) / 1e9;
        String status = end.path("status").asText();
        long lines = end.path("request_counts").path("total").asLong();
        out.println("Batch " + id + " " + status + ": " + end.path("request_counts").path("completed").asLong()
                + " completed, " + end.path("request_counts").path("failed").asLong() + " failed, "
                + String.format("%.1f s from creation (%.0f lines/s)", seconds, lines / Math.max(seconds, 1e-3)));
        write(client, end.path("output_file_id"), o.output() != null ? Path.of(o.output())
                : sibling(input, ".output.jsonl"));
        write(client, end.path("error_file_id"), o.errors() != null ? Path.of(o.errors())
                : sibling(input, ".errors.jsonl"));
        return "completed".equals(status) ? 0 : 3;
    }

    private JsonNode follow(BatchClient client, String id, long pollMs) {
        ProgressBar bar = new ProgressBar(out, terminal);
        while (true) {
            JsonNode b = client.batch(id);
            JsonNode counts = b.path("request_counts");
            long completed = counts.path("completed").asLong();
            long failed = counts.path("failed").asLong();
            String status = b.path("status").asText();
            bar.show(completed + failed, failed, counts.path("total").asLong(), status);
            if (Map.of("completed", 1, "failed", 1, "expired", 1, "cancelled", 1).containsKey(status)) {
                bar.end();
                return b;
            }
            try {
                Thread.sleep(pollMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatchClient.CallFailed("interrupted while waiting for " + id);
            }
        }
    }

    private void write(BatchClient client, JsonNode fileId, Path to) {
        if (fileId.isNull() || fileId.isMissingNode() || fileId.asText().isEmpty()) {
            return;
        }
        byte[] bytes = client.content(fileId.asText());
        try {
            Files.write(to, bytes);
            out.println("Wrote " + to + " (" + bytes.length + " bytes)");
        } catch (IOException e) {
            throw new BatchClient.CallFailed("cannot write " + to + " (" + e.getMessage() + ")");
        }
    }

    private static Path sibling(Path input, String suffix) {
        String name = input.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
        Path dir = input.toAbsolutePath().getParent();
        return dir.resolve(stem + suffix);
    }

    /** The url of the first line that names one of the batch endpoints. */
    private static String firstUrl(byte[] content) {
        for (String line : new String(content, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            try {
                JsonNode n = Json.MAPPER.readTree(line);
                String url = n == null ? null : n.path("url").asText(null);
                if (BatchInputLine.operationOf(url) != null) {
                    return url;
                }
            } catch (IOException e) {
                // not this line
            }
        }
        return BatchInputLine.CHAT_URL;
    }

    /** The command line, read. */
    record Options(String command, String target, boolean waitForEnd, String output, String errors, String url,
            String key, String endpoint, String window, long pollMs) {

        static Options parse(String[] args, UnaryOperator<String> env) {
            if (args.length < 2 || !(args[0].equals("submit") || args[0].equals("status")
                    || args[0].equals("cancel"))) {
                throw new IllegalArgumentException("batch: name a command (submit, status, cancel) and its argument.");
            }
            boolean wait = false;
            String output = null;
            String errors = null;
            String url = env.apply("SLUICE_URL") != null ? env.apply("SLUICE_URL") : "http://127.0.0.1:8080";
            String key = env.apply("SLUICE_API_KEY") != null ? env.apply("SLUICE_API_KEY")
                    : env.apply("OPENAI_API_KEY") != null ? env.apply("OPENAI_API_KEY") : "sk-sluice-demo";
            String endpoint = null;
            String window = "24h";
            long poll = 500;
            for (int i = 2; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--wait")) {
                    wait = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("batch: " + a + " needs a value, or is unknown.");
                }
                String v = args[++i];
                switch (a) {
                    case "--output" -> output = v;
                    case "--errors" -> errors = v;
                    case "--url" -> url = v;
                    case "--key" -> key = v;
                    case "--endpoint" -> endpoint = v;
                    case "--completion-window" -> window = v;
                    case "--poll-ms" -> poll = pollMs(v);
                    default -> throw new IllegalArgumentException("batch: unknown option '" + a + "'.");
                }
            }
            return new Options(args[0], args[1], wait, output, errors, url, key, endpoint, window, poll);
        }

        private static long pollMs(String v) {
            try {
                long n = Long.parseLong(v);
                if (n >= 10 && n <= Duration.ofMinutes(10).toMillis()) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the error below
            }
            throw new IllegalArgumentException("batch: --poll-ms must be a whole number from 10 to 600000.");
        }
    }
}
