package io.sluice.records.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.ApiError;
import io.sluice.records.Json;
import java.util.Objects;

/**
 * Why one batch line did not run: the code and message its error line carries, the HTTP status a
 * synchronous request would have got (for the usage event), and the field at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineError(
        @JsonProperty("code") String code,
        @JsonProperty("message") String message,
        @JsonProperty("param") String param,
        @JsonProperty("status") int status) {

    public LineError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The error a synchronous request would have got, as a batch line's error. */
    public static LineError of(ApiError e) {
        return new LineError(e.code(), e.message(), e.param(), e.status());
    }

    public static LineError invalid(String code, String param, String message) {
        return new LineError(code, message, param, 400);
    }

    /** The line was not run because its batch was cancelled first. */
    public static LineError cancelled() {
        return new LineError("batch_cancelled", "This request was not executed because the batch was cancelled.",
                null, 499);
    }

    /** The line was not run before its completion window ended. */
    public static LineError expired() {
        return new LineError("batch_expired",
                "This request could not be executed before the completion window expired.", null, 504);
    }

    /** This error naming its line, as the upload and the error file show it. */
    public String describe(int line) {
        return "line " + line + ": " + message;
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static LineError fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, LineError.class);
    }
}
