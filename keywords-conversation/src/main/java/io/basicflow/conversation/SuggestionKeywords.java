package io.basicflow.conversation;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.Suggestion;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ADD SUGGESTION} and {@code CLEAR SUGGESTIONS}: the quick replies that the conversation's
 * next messages carry. They change only the execution's state (through {@link
 * io.basicflow.spi.InvocationContext#setSuggestions}), so they are {@link EffectKind#PURE}: no commit of
 * their own, recorded with the step, kept by a resumed run.
 *
 * <p>The forms, as General Bots scripts write them:
 *
 * <ul>
 *   <li>{@code ADD SUGGESTION "Yes"}: the button shows and sends {@code Yes};
 *   <li>{@code ADD SUGGESTION "View Order", "action:view_order"}: shows the first, sends the second;
 *   <li>{@code ADD SUGGESTION "general" AS "Latest circulars"}: shows and sends the text after {@code
 *       AS}; the word before it names the General Bots context the question belongs to (the name a
 *       {@code SET CONTEXT "general" AS …} of the same script sets), as real bots' {@code start.bas}
 *       use it. basicflow does not switch contexts on a click, so the picked text is what the script
 *       hears, as if the user had typed it.
 * </ul>
 */
final class SuggestionKeywords {

    static final KeywordDefinition ADD = KeywordDefinition.builder("ADD SUGGESTION")
            .form(KeywordForm.STATEMENT)
            .parameter(ParameterDefinition.required(
                    "text", "the button's text; with AS, the context the question belongs to"))
            .parameter(ParameterDefinition.optional("reply", "what picking it sends, when not the text"))
            .parameter(ParameterDefinition.introducedBy(
                    "AS", "label", true, "the button's text and what it sends, when AS is used"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Offers a quick reply with the conversation's next messages.")
            .build();

    static final KeywordDefinition CLEAR = KeywordDefinition.builder("CLEAR SUGGESTIONS")
            .form(KeywordForm.STATEMENT)
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Withdraws the quick replies: the next messages carry none.")
            .build();

    private SuggestionKeywords() {}

    static Value add(Invocation invocation) {
        String first = invocation.argument("text").display();
        Value reply = invocation.argument("reply");
        Value label = invocation.argument("label");
        Suggestion suggestion;
        if (!(label instanceof NullValue)) {
            suggestion = Suggestion.of(label.display()); // the word before AS names a context, not a reply
        } else if (!(reply instanceof NullValue)) {
            suggestion = new Suggestion(first, reply.display());
        } else {
            suggestion = Suggestion.of(first);
        }
        List<Suggestion> suggestions = new ArrayList<>(invocation.context().suggestions());
        // The same button twice is one button: the later one replaces the earlier in its place.
        int same = -1;
        for (int i = 0; i < suggestions.size(); i++) {
            if (suggestions.get(i).text().equals(suggestion.text())) {
                same = i;
            }
        }
        if (same >= 0) {
            suggestions.set(same, suggestion);
        } else {
            suggestions.add(suggestion);
        }
        invocation.context().setSuggestions(suggestions);
        return Value.nullValue();
    }

    static Value clear(Invocation invocation) {
        invocation.context().setSuggestions(List.of());
        return Value.nullValue();
    }
}
