package io.sluice.ingress.batch;

import io.sluice.ingress.http.ApiException;
import io.sluice.records.ApiError;
import io.sluice.records.batch.BatchInputLine;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a batch input file line by line (lines numbered from 1 as an editor shows them; blank
 * lines are skipped). A file is refused when it is not UTF-8, has no request line, too many, a
 * {@code custom_id} used twice, or no valid line at all; otherwise the lines that do not fit the
 * batch input format are counted and named, and run as error lines of the batch.
 */
final class JsonlCheck {

    /** Problems named in the file object's {@code status_details}. */
    static final int NAMED_PROBLEMS = 10;

    /** One non-blank line: its number and bytes. */
    record Line(int number, byte[] bytes) {
    }

    /** What the check found. */
    record Result(List<Line> lines, int valid, int invalid, List<String> problems) {
    }

    private JsonlCheck() {
    }

    /** The non-blank lines of {@code content}, numbered. */
    static List<Line> lines(byte[] content) {
        List<Line> out = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                if (!blank(content, start, end)) {
                    out.add(new Line(number, Arrays.copyOfRange(content, start, end)));
                }
                start = i + 1;
                number++;
            }
        }
        return out;
    }

    static Result check(byte[] content, int maxLines) {
        utf8(content);
        List<Line> lines = lines(content);
        if (lines.isEmpty()) {
            throw refused("The file has no request lines. Upload JSONL: one request object per line.");
        }
        if (lines.size() > maxLines) {
            throw refused("The file has " + lines.size() + " request lines; a batch file may have at most " + maxLines
                    + ". Split it into several files.");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int valid = 0;
        for (Line line : lines) {
            BatchInputLine.Parsed p = BatchInputLine.parse(line.bytes());
            if (p.customId() != null) {
                Integer first = seen.putIfAbsent(p.customId(), line.number());
                if (first != null) {
                    throw refused("line " + line.number() + ": custom_id '" + p.customId() + "' is already used on "
                            + "line " + first + "; every line needs its own custom_id.");
                }
            }
            if (p.valid()) {
                valid++;
            } else if (problems.size() < NAMED_PROBLEMS) {
                problems.add(p.error().describe(line.number()));
            }
        }
        if (valid == 0) {
            throw refused("No line of the file is a valid batch request: " + String.join("; ", problems) + ". Each "
                    + "line needs custom_id, method \"POST\", url (/v1/chat/completions or /v1/embeddings) and body.");
        }
        return new Result(lines, valid, lines.size() - valid, List.copyOf(problems));
    }

    private static void utf8(byte[] content) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
        } catch (CharacterCodingException e) {
            throw refused("The file is not UTF-8 text. Upload JSONL encoded as UTF-8.");
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static ApiException refused(String message) {
        return new ApiException(ApiError.invalidRequest("file", message));
    }
}
