package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void passwordsInParametersAreHidden() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://h:5432/db?password=secret"))
                .isEqualTo("jdbc:postgresql://h:5432/db?password=***");
        assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?user=a&PASSWORD=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&PASSWORD=***&ssl=true");
    }

    @Test
    void passwordsInUserInfoAreHidden() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://app:secret@h/db")).isEqualTo("jdbc:postgresql://app:***@h/db");
    }

    @Test
    void urlsWithoutPasswordsAreUnchanged() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://h1:5432,h2:5433/db?user=app&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db?user=app&sslmode=require");
    }
}
