package io.sluice.egress.sse;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Incremental parser of a {@code text/event-stream} body: feed it bytes as they arrive, in any
 * split, and it hands over the data payload of each complete event. Comment lines and fields
 * other than {@code data} are ignored, as the SSE specification allows.
 */
public final class SseEventParser {

    private final Consumer<byte[]> onData;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final ByteArrayOutputStream data = new ByteArrayOutputStream(256);
    private boolean hasData;
    private boolean lastWasCr;

    public SseEventParser(Consumer<byte[]> onData) {
        this.onData = onData;
    }

    public void feed(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                if (!lastWasCr) {
                    endLine();
                }
                lastWasCr = false;
            } else if (b == '\r') {
                endLine();
                lastWasCr = true;
            } else {
                lastWasCr = false;
                line.write(b);
            }
        }
    }

    /** Dispatches an event left without its final blank line when the stream ends. */
    public void finish() {
        if (line.size() > 0) {
            endLine();
        }
        dispatch();
    }

    private void endLine() {
        if (line.size() == 0) {
            dispatch();
            return;
        }
        byte[] l = line.toByteArray();
        line.reset();
        if (l[0] == ':') {
            return;
        }
        int colon = indexOf(l, (byte) ':');
        String field = colon < 0 ? new String(l, java.nio.charset.StandardCharsets.UTF_8)
                : new String(l, 0, colon, java.nio.charset.StandardCharsets.UTF_8);
        if (!"data".equals(field)) {
            return;
        }
        int start = colon < 0 ? l.length : colon + 1;
        if (start < l.length && l[start] == ' ') {
            start++;
        }
        if (hasData) {
            data.write('\n');
        }
        data.write(l, start, l.length - start);
        hasData = true;
    }

    private void dispatch() {
        if (hasData) {
            byte[] payload = data.toByteArray();
            data.reset();
            hasData = false;
            onData.accept(payload);
        }
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
