package io.sluice.processors.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of a {@link CacheEntry} in the store and its changelog (a version byte, then
 * the fields; the vector as raw float32), so restoring 100,000 entries is fast.
 */
final class CacheEntrySerde implements Serde<CacheEntry> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<CacheEntry> serializer() {
        return (topic, e) -> e == null ? null : write(e);
    }

    @Override
    public Deserializer<CacheEntry> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(CacheEntry e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + (e.vector() == null ? 0 : e.vector().length * 4)
                    + (e.content() == null ? 0 : e.content().length() * 2));
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            string(out, e.scope());
            string(out, e.context());
            string(out, e.text());
            if (e.vector() == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(e.vector().length);
                for (float f : e.vector()) {
                    out.writeFloat(f);
                }
            }
            out.writeLong(e.createdAt());
            out.writeLong(e.expiresAt());
            string(out, e.model());
            string(out, e.content());
            string(out, e.finishReason());
            string(out, e.systemFingerprint());
            out.writeLong(e.promptTokens());
            out.writeLong(e.completionTokens());
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static CacheEntry read(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("cache entry of unknown version " + version);
            }
            String scope = string(in);
            String context = string(in);
            String text = string(in);
            int n = in.readInt();
            float[] vector = null;
            if (n >= 0) {
                vector = new float[n];
                for (int i = 0; i < n; i++) {
                    vector[i] = in.readFloat();
                }
            }
            return new CacheEntry(scope, context, text, vector, in.readLong(), in.readLong(), string(in), string(in),
                    string(in), string(in), in.readLong(), in.readLong());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = in.readNBytes(n);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
