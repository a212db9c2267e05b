package io.basicflow.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from {@code timestamptz}. */
final class Times {

    private Times() {}

    static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant of(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
