package io.basicflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void sameKeySameMessageId() {
        assertThat(MessageIds.forIdempotencyKey("e1/1", "example.com"))
                .isEqualTo(MessageIds.forIdempotencyKey("e1/1", "example.com"));
    }

    @Test
    void differentKeysDifferentMessageIds() {
        assertThat(MessageIds.forIdempotencyKey("e1/1", "example.com"))
                .isNotEqualTo(MessageIds.forIdempotencyKey("e1/2", "example.com"))
                .isNotEqualTo(MessageIds.forIdempotencyKey("e2/1", "example.com"));
    }

    @Test
    void isAValidMessageIdOfFixedShape() {
        String id = MessageIds.forIdempotencyKey("0b6c2f7e-1d2a-4c55-9a0e-3f1e2d4c5b6a/12", "mail.example.com");

        // RFC 5322 msg-id: "<" dot-atom-text "@" dot-atom-text ">"; base64url letters are all atext
        assertThat(id).matches("<basicflow\\.[A-Za-z0-9_-]{43}@mail\\.example\\.com>");
        assertThat(MimeUtility.unfold(id)).isEqualTo(id);
    }

    @Test
    void isStableAcrossReleases() {
        // A receiver may have stored Message-IDs: changing the derivation would break deduplication.
        // The expected value was computed independently: base64url(sha256("exec-1/7")), unpadded.
        assertThat(MessageIds.forIdempotencyKey("exec-1/7", "basicflow.test"))
                .isEqualTo("<basicflow.mvjfmNE3XrrORxNkXjVlh4epCLLk7ea7r1tguPjnRMk@basicflow.test>");
    }
}
