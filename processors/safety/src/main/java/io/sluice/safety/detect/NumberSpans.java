package io.sluice.safety.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The stretches of a text where numbers written with separators could be (card, phone, social
 * security numbers, IPv4 addresses): digit runs joined by at most two of {@code space - . ( ) +},
 * with a leading {@code +} or {@code (}. Detectors of such numbers look only there, so an ordinary
 * text costs them almost nothing.
 */
final class NumberSpans {

    private NumberSpans() {
    }

    static List<int[]> of(String text) {
        List<int[]> spans = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!digit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (start > 0 && start > i - 2 && (text.charAt(start - 1) == '+' || text.charAt(start - 1) == '(')) {
                start--;
            }
            int end = i;
            while (end < n) {
                if (digit(text.charAt(end))) {
                    end++;
                    continue;
                }
                int gap = end;
                while (gap < n && gap - end < 2 && separator(text.charAt(gap))) {
                    gap++;
                }
                if (gap > end && gap < n && (digit(text.charAt(gap)) || text.charAt(gap) == '(')) {
                    end = gap;
                } else {
                    if (end < n && text.charAt(end) == ')') {
                        end++;
                    }
                    break;
                }
            }
            spans.add(new int[] {start, end});
            i = end + 1;
        }
        return spans;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+';
    }
}
