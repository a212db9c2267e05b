package io.basicflow.engine.durable;

/**
 * Text as a PostgreSQL {@code text} column can hold it: every NUL character (which no text column
 * accepts) becomes U+FFFD. Events keep the exact text (JSON escapes NUL); only the plain-text copies
 * (outbox, inbox, cancel reasons) are made storable, so a script that says {@code CHR(0)} cannot
 * make a commit fail.
 */
final class StorableText {

    private StorableText() {}

    static String of(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }
}
