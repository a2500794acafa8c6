package io.sluice.ingress.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.ingress.auth.Caller;
import io.sluice.ingress.http.ApiException;
import io.sluice.ingress.http.ErrorResponses;
import io.sluice.records.ApiError;
import io.sluice.records.batch.BatchFile;
import io.sluice.records.batch.BatchIds;
import io.sluice.records.batch.BatchState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The Files API as the Batch API needs it: {@code POST /v1/files} (multipart, purpose {@code batch},
 * checked line by line), {@code GET /v1/files[/{id}]}, {@code GET /v1/files/{id}/content} (uploads,
 * and batches' output and error files) and {@code DELETE /v1/files/{id}}. A file is visible to its
 * subscription only.
 */
final class FilesEndpoints {

    private final Answers answers;
    private final BatchViews views;
    private final BatchStore store;
    private final BatchIngressSettings settings;
    private final Clock clock;

    FilesEndpoints(Answers answers, BatchViews views, BatchStore store, BatchIngressSettings settings, Clock clock) {
        this.answers = answers;
        this.views = views;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    void mount(Router router, Vertx vertx, Path uploads) {
        BodyHandler body = BodyHandler.create(uploads.toString()).setBodyLimit(settings.maxFileBytes())
                .setHandleFileUploads(true).setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(true);
        router.post("/v1/files").handler(body).handler(ctx -> upload(ctx, vertx)).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                ErrorResponses.write(ctx.response(), ApiError.payloadTooLarge(settings.maxFileBytes()), null);
            } else {
                ctx.next();
            }
        });
        router.get("/v1/files").handler(this::list);
        router.get("/v1/files/:id").handler(ctx -> retrieve(ctx, vertx));
        router.get("/v1/files/:id/content").handler(ctx -> content(ctx, vertx));
        router.delete("/v1/files/:id").handler(ctx -> delete(ctx, vertx));
    }

    private void upload(RoutingContext ctx, Vertx vertx) {
        try {
            Caller caller = answers.authenticate(ctx.request());
            String purpose = ctx.request().getFormAttribute("purpose");
            if (purpose == null || purpose.isBlank()) {
                throw new ApiException(ApiError.invalidRequest("purpose",
                        "Missing the 'purpose' form field. Send purpose=batch with the file."));
            }
            if (!"batch".equals(purpose)) {
                throw new ApiException(ApiError.invalidRequest("purpose", "This gateway keeps files for the Batch "
                        + "API only: send purpose=batch (got '" + purpose + "')."));
            }
            List<FileUpload> files = ctx.fileUploads();
            if (files.isEmpty()) {
                throw new ApiException(ApiError.invalidRequest("file",
                        "Missing the 'file' form field: send the JSONL file as multipart/form-data."));
            }
            FileUpload up = files.get(0);
            long now = clock.instant().getEpochSecond();
            Future<JsonNode> saved = vertx.executeBlocking(() -> {
                byte[] bytes = Files.readAllBytes(Path.of(up.uploadedFileName()));
                JsonlCheck.Result check = JsonlCheck.check(bytes, settings.maxLines());
                BatchFile file = new BatchFile(BatchIds.newFileId(), caller.subscriptionId(), up.fileName(), purpose,
                        bytes.length, now, check.valid(), check.invalid(), check.problems(), List.of());
                BatchFile stored = store.saveFile(file, bytes).join();
                views.remember(stored);
                return OpenAiObjects.file(stored, details(stored));
            }, false);
            Answers.later(ctx, saved);
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }

    private void list(RoutingContext ctx) {
        try {
            Caller caller = answers.authenticate(ctx.request());
            String purpose = ctx.request().getParam("purpose");
            List<JsonNode> data = views.filesOf(caller.subscriptionId()).stream()
                    .filter(f -> purpose == null || purpose.equals(f.purpose()))
                    .map(f -> (JsonNode) OpenAiObjects.file(f, details(f))).toList();
            Answers.json(ctx, OpenAiObjects.list(data, false));
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }

    private void retrieve(RoutingContext ctx, Vertx vertx) {
        try {
            Caller caller = answers.authenticate(ctx.request());
            String id = ctx.pathParam("id");
            BatchFile upload = views.file(id, caller.subscriptionId());
            if (upload != null) {
                Answers.json(ctx, OpenAiObjects.file(upload, details(upload)));
                return;
            }
            BatchState batch = resultBatch(id, caller);
            Answers.later(ctx, vertx.executeBlocking(() -> {
                long bytes = store.output(batch, BatchIds.isErrorFile(id)).length;
                return OpenAiObjects.file(id, bytes, batch.batch().finalizingAt() == null ? batch.batch().createdAt()
                        : batch.batch().finalizingAt(), id + ".jsonl", "batch_output", null);
            }, false));
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }

    private void content(RoutingContext ctx, Vertx vertx) {
        try {
            Caller caller = answers.authenticate(ctx.request());
            String id = ctx.pathParam("id");
            BatchFile upload = views.file(id, caller.subscriptionId());
            BatchState batch = upload == null ? resultBatch(id, caller) : null;
            vertx.executeBlocking(() -> upload != null ? store.content(upload)
                    : store.output(batch, BatchIds.isErrorFile(id)), false).onComplete(ar -> {
                        if (ar.succeeded()) {
                            ctx.response().putHeader("Content-Type", "application/octet-stream")
                                    .end(Buffer.buffer(ar.result()));
                        } else {
                            Answers.error(ctx, ar.cause());
                        }
                    });
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }

    private void delete(RoutingContext ctx, Vertx vertx) {
        try {
            Caller caller = answers.authenticate(ctx.request());
            String id = ctx.pathParam("id");
            BatchFile upload = views.file(id, caller.subscriptionId());
            if (upload == null) {
                if (BatchIds.batchOfResultFile(id) != null && views.batch(BatchIds.batchOfResultFile(id),
                        caller.subscriptionId()) != null) {
                    throw new ApiException(ApiError.invalidRequest("file_id", "The output and error files of a batch "
                            + "stay with the batch; they expire with the output topic's retention."));
                }
                throw new ApiException(Answers.noSuchFile(id));
            }
            Answers.later(ctx, Future.fromCompletionStage(store.deleteFile(upload), vertx.getOrCreateContext())
                    .map(v -> {
                        views.forget(upload);
                        return (JsonNode) OpenAiObjects.deleted(id);
                    }));
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }

    /** The finished batch whose output or error file {@code id} is; 404 otherwise. */
    private BatchState resultBatch(String id, Caller caller) {
        String batchId = BatchIds.batchOfResultFile(id);
        BatchState batch = batchId == null ? null : views.batch(batchId, caller.subscriptionId());
        if (batch == null || !(id.equals(batch.batch().outputFileId()) || id.equals(batch.batch().errorFileId()))) {
            throw new ApiException(Answers.noSuchFile(id));
        }
        return batch;
    }

    private static String details(BatchFile f) {
        if (f.invalidLines() == 0) {
            return null;
        }
        return f.invalidLines() + " of " + (f.lines() + f.invalidLines()) + " lines are not valid batch requests and "
                + "will be reported in the batch's error file: " + String.join("; ", f.problems())
                + (f.invalidLines() > f.problems().size() ? "; ..." : "");
    }

    static Path uploadsDirectory() {
        try {
            return Files.createTempDirectory("sluice-uploads");
        } catch (IOException e) {
            throw new IllegalStateException("no temporary directory for uploads: " + e.getMessage(), e);
        }
    }
}
