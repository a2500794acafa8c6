package io.sluice.processors.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A record's headers and value as one byte array, for lines kept in a state store. */
final class LineCodec {

    private static final byte VERSION = 1;

    /** Headers and a value, decoded. */
    record Decoded(Headers headers, byte[] value) {
    }

    private LineCodec() {
    }

    static byte[] encode(Headers headers, byte[] value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + (value == null ? 0 : value.length));
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            Header[] all = headers.toArray();
            out.writeShort(all.length);
            for (Header h : all) {
                out.writeUTF(h.key());
                byte[] v = h.value() == null ? new byte[0] : h.value();
                out.writeInt(v.length);
                out.write(v);
            }
            byte[] body = value == null ? new byte[0] : value;
            out.writeInt(body.length);
            out.write(body);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Decoded decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readByte() != VERSION) {
                throw new IllegalStateException("unknown stored batch line format");
            }
            Headers headers = new RecordHeaders();
            int n = in.readShort();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                byte[] v = new byte[in.readInt()];
                in.readFully(v);
                headers.add(key, v);
            }
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new Decoded(headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
