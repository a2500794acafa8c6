package io.sluice.safety.text;

/**
 * One piece of text in a request or an answer, with who wrote it.
 *
 * @param role {@code system}, {@code developer}, {@code user}, {@code assistant}, {@code tool},
 *             {@code function}, or {@code input} for an embeddings input
 */
public record TextPart(String role, String text) {

    /** Text a user typed, or that came back from a tool: where injected instructions come from. */
    public boolean untrusted() {
        return role.equals("user") || role.equals("tool") || role.equals("function") || role.equals("input");
    }

    /** Results of tools and functions: what prompt shields call documents. */
    public boolean document() {
        return role.equals("tool") || role.equals("function");
    }
}
