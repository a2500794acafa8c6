package io.sluice.records;

/** A record on a Sluice topic does not follow its documented schema. */
public class MalformedRecordException extends RuntimeException {
    public MalformedRecordException(String message) {
        super(message);
    }
}
