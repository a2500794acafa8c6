package io.sluice.safety.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiDetectorTest {

    private static final PiiDetector ALL = PiiDetector.all();

    private static List<String> kinds(String text) {
        return ALL.find(text).stream().map(Finding::kind).toList();
    }

    private static List<String> matched(String text) {
        return ALL.find(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "378282246310005",
            "5555555555554444", "6011 1111 1111 1117"})
    void findsLuhnValidCardNumbers(String card) {
        assertThat(kinds("pay with " + card + " please")).containsExactly("card");
        assertThat(matched("pay with " + card + " please")).containsExactly(card);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1112", "1234567890123456", "0000000000000000", "4111 1111 111"})
    void ignoresDigitRunsThatFailLuhnOrLength(String lookAlike) {
        assertThat(kinds("order " + lookAlike)).doesNotContain("card");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00",
            "FR14 2004 1010 0505 0001 3M02 606"})
    void findsChecksumValidIbans(String iban) {
        String text = "transfer to " + iban + " today";
        assertThat(kinds(text)).containsExactly("iban");
        assertThat(matched(text)).containsExactly(iban);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB82 WEST 1234 5698 7654 33", "DE00 3704 0044 0532 0130 00", "XX12 ABCD 1234 5678 90"})
    void ignoresIbansWithABadChecksum(String lookAlike) {
        assertThat(kinds("transfer to " + lookAlike)).doesNotContain("iban");
    }

    @Test
    void findsUsSocialSecurityNumbersButNotImpossibleOnes() {
        assertThat(kinds("my ssn is 123-45-6789.")).containsExactly("us_ssn");
        assertThat(kinds("ssn 000-12-3456, 666-12-3456, 912-12-3456, 123-00-4567, 123-45-0000")).doesNotContain(
                "us_ssn");
    }

    @Test
    void findsEmailAddresses() {
        assertThat(matched("write to jane.doe+news@mail.example.co.uk now")).containsExactly(
                "jane.doe+news@mail.example.co.uk");
        assertThat(kinds("user@localhost and @mention")).isEmpty();
    }

    @Test
    void findsIpAddressesButNotVersionsOrTimes() {
        assertThat(matched("server 192.168.1.10 and 2001:db8::8a2e:370:7334 and ::1")).containsExactly(
                "192.168.1.10", "2001:db8::8a2e:370:7334", "::1");
        assertThat(kinds("version 1.2.3, 999.1.1.1, at 12:30:45, std::vector")).isEmpty();
    }

    @Test
    void findsPhoneNumbers() {
        assertThat(matched("call +44 20 7946 0958 or (415) 555-2671")).containsExactly("+44 20 7946 0958",
                "(415) 555-2671");
        assertThat(kinds("room 555-2671, year 2024, 3 items")).doesNotContain("phone");
    }

    @Test
    void findsSecretsThatLookLikeApiKeys() {
        assertThat(kinds("key sk-proj-abcdefghijklmnopqrstuvwx123 and AKIAIOSFODNN7EXAMPLE")).containsExactly("secret",
                "secret");
        String assigned = "config: api_key = 'a1b2c3d4e5f6g7h8i9'";
        assertThat(matched(assigned)).containsExactly("a1b2c3d4e5f6g7h8i9");
        assertThat(kinds("the password = changeme-please-now")).isEmpty();
        assertThat(kinds("a task-list and sk-short")).isEmpty();
    }

    @Test
    void reportsOnlyTheConfiguredKinds() {
        PiiDetector emailsOnly = new PiiDetector(EnumSet.of(PiiKind.EMAIL));
        assertThat(emailsOnly.find("a@b.io 4111 1111 1111 1111")).extracting(Finding::kind).containsExactly("email");
    }

    @Test
    void redactsEveryFindingWithItsKind() {
        String text = "mail a@b.io, card 4111 1111 1111 1111.";
        assertThat(Findings.redact(text, ALL.find(text))).isEqualTo(
                "mail [REDACTED:EMAIL], card [REDACTED:CARD].");
    }
}
