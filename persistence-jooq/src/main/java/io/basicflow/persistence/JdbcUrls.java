package io.basicflow.persistence;

import java.util.regex.Pattern;

/** JDBC URLs as they may appear in messages and logs: without passwords. */
final class JdbcUrls {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?#@:]*:)[^/?#@]*@");

    private JdbcUrls() {}

    /** The URL with any password parameter or user-info password replaced by {@code ***}. */
    static String redact(String jdbcUrl) {
        String withoutParameter = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
        return USER_INFO.matcher(withoutParameter).replaceAll("$1***@");
    }
}
