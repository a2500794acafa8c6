package io.sluice.processors.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptFactsTest {

    private static boolean agree(String a, String b) {
        return PromptFacts.of(a).agreesWith(PromptFacts.of(b)) && PromptFacts.of(b).agreesWith(PromptFacts.of(a));
    }

    @Test
    void paraphrasesAgree() {
        assertThat(agree("What is the capital of France?", "Tell me the capital city of France.")).isTrue();
        assertThat(agree("What is 15% of 80?", "Calculate 15 percent of 80.")).isTrue();
        assertThat(agree("Convert 5 km to miles.", "How many miles is 5 kilometers?")).isTrue();
        assertThat(agree("How do I install Python on Ubuntu?", "how do i install python on ubuntu")).isTrue();
        assertThat(agree("List 10 countries in Europe.", "Name 10 European countries.")).isTrue();
        assertThat(agree("What is 1,000 plus 2.50?", "Add 1000 and 2.5")).isTrue();
    }

    @Test
    void otherNumbersDatesOrCurrenciesDisagree() {
        assertThat(agree("What is 12 times 7?", "What is 12 times 8?")).isFalse();
        assertThat(agree("Who won the World Cup in 2014?", "Who won the World Cup in 2018?")).isFalse();
        assertThat(agree("Convert $50 to euros", "Convert 50 euros to dollars")).isFalse();
        assertThat(agree("Give me five ideas", "Give me 5 ideas")).isTrue();
    }

    @Test
    void aNegationOnOneSideDisagrees() {
        assertThat(agree("Which foods are safe for dogs?", "Which foods are not safe for dogs?")).isFalse();
        assertThat(agree("Can I use my phone on a plane?", "Why can't I use my phone on a plane?")).isFalse();
        assertThat(agree("How do I make bread with yeast?", "How do I make bread without yeast?")).isFalse();
    }

    @Test
    void anotherNameDisagreesButTheSameNameInAnyCaseAgrees() {
        assertThat(agree("Who is the CEO of Microsoft?", "Who is the CEO of Apple?")).isFalse();
        assertThat(agree("How do I reverse a list in Python?", "reverse a python list, how?")).isTrue();
        assertThat(agree("What is Java used for?", "What is JavaScript used for?")).isFalse();
    }

    @Test
    void oppositePolarWordsOrAReversedConversionDisagreeButAnAbsentOneDoesNot() {
        assertThat(agree("What is the largest planet?", "What is the smallest planet?")).isFalse();
        assertThat(agree("How do I encrypt a file?", "How do I decrypt a file?")).isFalse();
        assertThat(agree("Convert 100 Fahrenheit to Celsius", "Convert 100 Celsius to Fahrenheit")).isFalse();
        assertThat(agree("How many liters are in a gallon?", "How many gallons are in a liter?")).isFalse();
        assertThat(agree("What is the difference between TCP and UDP?", "How do TCP and UDP differ?")).isTrue();
        assertThat(agree("How can I learn Spanish quickly?", "What is the fastest way to learn Spanish?")).isTrue();
    }
}
