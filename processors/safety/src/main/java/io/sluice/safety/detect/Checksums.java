package io.sluice.safety.detect;

/** The checksums that tell a real payment card number or IBAN from a look-alike string of digits. */
public final class Checksums {

    private Checksums() {
    }

    /** The Luhn (mod 10) check of a string of digits. */
    public static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return digits.length() > 0 && sum % 10 == 0;
    }

    /**
     * The ISO 13616 check of an IBAN without spaces: the first four characters moved to the end,
     * letters as 10..35, the number mod 97 is 1.
     */
    public static boolean iban(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String s = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toUpperCase(s.charAt(i));
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0';
                remainder = (remainder * 10 + v) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                v = c - 'A' + 10;
                remainder = (remainder * 100 + v) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }
}
