package io.sluice.ingress.exchange;

import io.sluice.records.Hop;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * Durations of each hop of one request, from the timestamps its reply record carries, in
 * milliseconds. A hop the request did not pass (a rejection in the processors) is absent.
 *
 * <ul>
 *   <li>{@code requests}: ingress received → processors read it (ingress work, produce, fetch)</li>
 *   <li>{@code processors}: the processors' stages</li>
 *   <li>{@code dispatch}: processors wrote it → egress read it</li>
 *   <li>{@code egress}: egress work before and after the backend call</li>
 *   <li>{@code backend}: the backend call, request sent → last byte</li>
 *   <li>{@code reply}: egress wrote the reply → ingress read it</li>
 *   <li>{@code total}: ingress received → reply read back in ingress</li>
 * </ul>
 */
public record HopTimings(Map<String, Double> millis) {

    public static HopTimings from(Headers h, long replyReadMicros) {
        long received = Hop.INGRESS_RECEIVED.read(h);
        long pIn = Hop.PROCESSORS_IN.read(h);
        long pOut = Hop.PROCESSORS_OUT.read(h);
        long eIn = Hop.EGRESS_IN.read(h);
        long bStart = Hop.BACKEND_START.read(h);
        long bEnd = Hop.BACKEND_END.read(h);
        long bFirst = Hop.BACKEND_FIRST_BYTE.read(h);
        long sent = Hop.REPLY_SENT.read(h);
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, "requests", received, pIn);
        put(m, "processors", pIn, pOut);
        put(m, "dispatch", pOut, eIn);
        long backendDone = bEnd >= 0 ? bEnd : bFirst;
        if (eIn >= 0 && bStart >= 0 && backendDone >= 0 && sent >= 0) {
            m.put("egress", ((bStart - eIn) + (sent - backendDone)) / 1000.0);
        }
        put(m, "backend", bStart, backendDone);
        put(m, "reply", sent, replyReadMicros);
        put(m, "total", received, replyReadMicros);
        return new HopTimings(Map.copyOf(m));
    }

    private static void put(Map<String, Double> m, String name, long from, long to) {
        if (from >= 0 && to >= 0) {
            m.put(name, Math.max(0, to - from) / 1000.0);
        }
    }

    /** The W3C Server-Timing header value, hops in path order. */
    public String serverTimingHeader() {
        StringBuilder sb = new StringBuilder();
        for (String hop : new String[] {"requests", "processors", "dispatch", "egress", "backend", "reply", "total"}) {
            Double v = millis.get(hop);
            if (v != null) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(hop).append(";dur=").append(String.format(java.util.Locale.ROOT, "%.3f", v));
            }
        }
        return sb.toString();
    }
}
