package io.sluice.bench.load;

import java.net.ConnectException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Names the ways a request can fail, as they appear in the error counts. */
public final class ErrorKinds {
    public static final String TIMEOUT = "timeout";
    public static final String CONNECT = "connect";
    public static final String CONNECTION_CLOSED = "connection-closed";
    public static final String BAD_BODY = "bad-body";
    public static final String STREAM_WITHOUT_CONTENT = "stream-without-content";

    private ErrorKinds() {
    }

    public static String ofStatus(int status) {
        return "http-" + status;
    }

    public static String of(Throwable error) {
        String type = error.getClass().getSimpleName();
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (error instanceof TimeoutException || type.contains("Timeout") || message.contains("timeout")
                || message.contains("timed out")) {
            return TIMEOUT;
        }
        if (error instanceof ConnectException || message.contains("connection refused")) {
            return CONNECT;
        }
        if (message.contains("closed") || message.contains("reset")) {
            return CONNECTION_CLOSED;
        }
        return "io-" + type;
    }
}
