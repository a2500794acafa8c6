package io.sluice.ingress.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: {@code req_} and 24 random hex digits (96 bits). */
public final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[28];
        c[0] = 'r';
        c[1] = 'e';
        c[2] = 'q';
        c[3] = '_';
        long a = r.nextLong();
        int b = r.nextInt();
        for (int i = 0; i < 16; i++) {
            c[4 + i] = HEX[(int) (a >>> (60 - 4 * i)) & 0xF];
        }
        for (int i = 0; i < 8; i++) {
            c[20 + i] = HEX[(b >>> (28 - 4 * i)) & 0xF];
        }
        return new String(c);
    }
}
