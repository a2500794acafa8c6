package io.sluice.docs;

import io.sluice.records.batch.BatchHeaders;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/** Batch lines' part of the generated docs: the line formats on the public topics, the headers, the flow. */
final class BatchDocs {

    private static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("API_KEY", "batch.requests (set by the producer) | the API key the line runs under; "
                + "`Authorization: Bearer <key>` works too. It goes no further than the intake");
        HEADERS.put("REPLY_TO", "batch.requests (producer), every batch topic | the topic the line's result goes "
                + "to: default `batch.results`; your own topic (it must exist), or one starting with "
                + "`<prefix>batch.results.`; the gateway's other topics are refused");
        HEADERS.put("BATCH_ID", "batch.requests (producer, optional), every batch topic, results | the batch: "
                + "the Batch API's id, or a label a producer chooses (copied into the usage events' `batch_id`)");
        HEADERS.put("COMPLETION_WINDOW", "batch.requests (producer, optional) | how long the line may wait, e.g. "
                + "`24h` (default `batch.default-completion-window`), `90m`, `600s`; past it the line ends "
                + "`batch_expired`");
        HEADERS.put("KIND", "batch.lines | `line`, `create` (value: BatchState) or `cancel`");
        HEADERS.put("CUSTOM_ID", "batch.lines, dispatch.batch, batch.outcomes | the line's `custom_id`");
        HEADERS.put("LINE", "batch.lines, dispatch.batch, batch.outcomes, batch.output | the line's number in its "
                + "input file, from 1 (0 on the Kafka path)");
        HEADERS.put("LINE_ERROR", "batch.lines | why the line cannot run (`{code, message, param, status}`): it "
                + "ends as an error line");
        HEADERS.put("USAGE", "batch.outcomes | the line's usage event (JSON)");
        HEADERS.put("SETTLED", "(internal) | marks an outcome the gateway settled itself");
        HEADERS.put("FILE", "batch.output | `output` (a 2xx answer) or `error`: which file of the batch the line "
                + "is in");
    }

    private BatchDocs() {
    }

    static String topologyNote() {
        return "\n## Batch lines\n\n"
                + "Two more sub-topologies. **Intake** reads `batch.requests` (lines produced straight to Kafka), "
                + "authenticates the API key in the record's headers, checks the line, names it by its place on "
                + "the topic (`batch_req_kafka_<partition>_<offset>`) and puts it on `batch.lines` keyed by its "
                + "counter key; a line without a valid key is answered at once on its result topic (no usage "
                + "event: nobody to bill). **Scheduler** (`batch-scheduler`) reads `batch.lines` (those lines, and "
                + "the lines and commands the Batch API writes) and `batch.outcomes` (what egress got). It shares "
                + "the quota stage's counter store, so it runs in the same tasks as the interactive path: a line "
                + "draws from the same minute windows and quota periods as interactive requests of its "
                + "subscription, stops at `1 - batch.interactive-reserve` of each per-minute limit, and waits in "
                + "`batch-queue` (in order, per counter) when its window is full. Its records are stamped 30 s "
                + "into the future (`BatchPriority`), so a task always takes a waiting interactive request first. "
                + "A dispatched line is remembered in `batch-outstanding` until its first outcome: that outcome "
                + "becomes the line's one result and one usage event, a repeat (egress redid the line after a "
                + "restart) finds nothing outstanding and is dropped. `batch-progress` counts each Batch API "
                + "batch's results and publishes its state (at most every second, status changes at once). A "
                + "cancel is written to `batch.state` first (egress, which follows it, starts no line of the batch "
                + "any more) and as a `cancel` command behind the batch's lines; the scheduler stops the batch at "
                + "whichever comes first, the command or a `batch_cancelled` outcome from egress.\n";
    }

    static String schemas() {
        StringBuilder sb = new StringBuilder("\n## Batch lines\n\n");
        sb.append("Input (`batch.requests`, and each line of a Batch API input file), one JSON object per record "
                + "or line:\n\n```json\n{\"custom_id\": \"request-1\", \"method\": \"POST\", \"url\": "
                + "\"/v1/chat/completions\", \"body\": {\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": "
                + "\"user\", \"content\": \"Hello\"}]}}\n```\n\n`url` is `/v1/chat/completions` or `/v1/embeddings`; "
                + "`body` is what that endpoint takes (no `stream`).\n\n");
        sb.append("Output (`batch.results` keyed by `custom_id`, a reply-to topic, and the Batch API's output and "
                + "error files), exactly one per input line, written in transactions (read with "
                + "`isolation.level=read_committed`):\n\n```json\n{\"id\": \"batch_req_…\", \"custom_id\": "
                + "\"request-1\", \"response\": {\"status_code\": 200, \"request_id\": \"batch_req_…\", \"body\": "
                + "{…}}, \"error\": null}\n{\"id\": \"batch_req_…\", \"custom_id\": \"request-2\", \"response\": "
                + "null, \"error\": {\"code\": \"batch_expired\", \"message\": \"…\"}}\n```\n\n"
                + "A line that got an HTTP answer has `response` (the backend's body; a 4xx is in the error file); "
                + "one that never ran has `error` with a `code`: a validation code (`invalid_json`, `invalid_url`, "
                + "`missing_body`, …), `batch_cancelled`, `batch_expired`, or a governance code "
                + "(`model_not_allowed`, …). Results carry headers `sluice-request-id`, `sluice-status` and "
                + "`sluice-batch-id`.\n\n| header | on | meaning |\n|---|---|---|\n");
        for (Field f : BatchHeaders.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String doc = HEADERS.get(f.getName());
                if (doc == null) {
                    throw new IllegalStateException("BatchHeaders." + f.getName() + " has no entry in BatchDocs");
                }
                String[] parts = doc.split(" \\| ", 2);
                sb.append("| `").append(DocTables.constant(f)).append("` | ").append(parts[0]).append(" | ").append(parts[1])
                        .append(" |\n");
            }
        }
        sb.append("\nBatch states (`batch.state`, compacted, keyed by batch id): `{\"batch\": <the OpenAI batch "
                + "object>, \"subscription_id\", \"key_id\", \"counter_key\", \"expiring\", \"written_at_ms\"}`. "
                + "Uploaded files (`batch.files`, compacted): the file object's fields, its owner, what the upload "
                + "check found and where its chunks are on `batch.file-content`.\n");
        return sb.toString();
    }
}
