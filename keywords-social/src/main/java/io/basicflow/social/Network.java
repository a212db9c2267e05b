package io.basicflow.social;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Value;

/** One social network's REST protocol: publish, read metrics and posts, delete. */
interface Network {

    /** The platform's identifier in scripts and post ids ({@code instagram}). */
    String name();

    /**
     * Publishes the post.
     *
     * @return the network's id of the post
     */
    String publish(Post post) throws KeywordException;

    /** Whether the network schedules a post itself ({@code AT} a future time). */
    default boolean schedulesNatively() {
        return false;
    }

    /** The post's metrics as a map, with the page's field names. */
    default Value metrics(Call call, String id) throws KeywordException {
        throw KeywordException.permanent(call.keyword() + ": basicflow reads no metrics of " + name() + " posts");
    }

    /** The account's recent posts, each a map with {@code id} (a post id of basicflow) and {@code caption}. */
    default Value posts(Call call) throws KeywordException {
        throw KeywordException.permanent(call.keyword() + ": basicflow lists no " + name() + " posts");
    }

    /** Deletes the post. */
    default void delete(Call call, String id) throws KeywordException {
        throw KeywordException.permanent(call.keyword() + ": " + name() + " posts cannot be deleted through its API");
    }

    /** What a read or delete call needs: the keyword for messages, the settings and the step's key. */
    record Call(String keyword, SocialSettings settings, String idempotencyKey) {}
}
