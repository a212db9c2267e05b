package io.basicflow.tools;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a tool parameter accepts, decided from the type name of its {@code PARAM} line. Several type
 * names share one kind ({@code STRING}, {@code TEXT} and {@code NAME} are all {@link #STRING}); a
 * {@code PARAM} with a list of choices is an {@link #ENUM} whatever its type name; a type name that
 * basicflow does not know is {@link #UNKNOWN} and accepted as a string.
 */
public enum ParameterType {
    /** Any text: {@code STRING}, {@code TEXT}, {@code NAME}. */
    STRING("STRING", "TEXT", "NAME"),
    /** A whole number: {@code INTEGER}, {@code INT}. */
    INTEGER("INTEGER", "INT"),
    /**
     * Any number, exact decimal: {@code NUMBER}, {@code FLOAT}, {@code DECIMAL}, {@code DOUBLE},
     * {@code MONEY}. ({@code NUMBER} is here, not with {@link #INTEGER}, because real tool scripts
     * write {@code PARAM latitude AS number LIKE 52.52}.)
     */
    NUMBER("NUMBER", "FLOAT", "DECIMAL", "DOUBLE", "MONEY"),
    /** {@code TRUE} or {@code FALSE}: {@code BOOLEAN}, {@code BOOL}. */
    BOOLEAN("BOOLEAN", "BOOL"),
    /** A calendar date, ISO {@code YYYY-MM-DD}: {@code DATE}. */
    DATE("DATE"),
    /** A time of day, {@code HH:MM}: {@code TIME}, {@code HOUR}. */
    TIME("TIME", "HOUR"),
    /** An e-mail address, kept lower case: {@code EMAIL}. */
    EMAIL("EMAIL"),
    /** An absolute URI: {@code URL}, {@code URI}. */
    URL("URL", "URI"),
    /** A UUID, kept lower case: {@code UUID}. */
    UUID("UUID"),
    /** A phone number, 7 to 15 digits with an optional leading {@code +}: {@code PHONE}, {@code MOBILE}. */
    PHONE("PHONE", "MOBILE"),
    /** A postal code, 3 to 10 letters, digits, spaces or dashes: {@code ZIPCODE}, {@code ZIP}. */
    ZIPCODE("ZIPCODE", "ZIP"),
    /** One of a fixed list of strings: {@code PARAM x AS "a", "b"} (type name {@code ENUM}). */
    ENUM("ENUM"),
    /** A map (JSON object): {@code OBJECT}, {@code MAP}. */
    OBJECT("OBJECT", "MAP"),
    /** A list (JSON array): {@code ARRAY}, {@code LIST}. */
    ARRAY("ARRAY", "LIST"),
    /** A type name basicflow does not know ({@code QRCODE}); accepted as a string. */
    UNKNOWN();

    private static final Map<String, ParameterType> BY_NAME = new HashMap<>();

    static {
        for (ParameterType type : values()) {
            for (String name : type.names) {
                BY_NAME.put(name, type);
            }
        }
    }

    private final List<String> names;

    ParameterType(String... names) {
        this.names = List.of(names);
    }

    /**
     * The type names that mean this type, the canonical one first.
     *
     * @return upper case names; empty for {@link #UNKNOWN}
     */
    public List<String> names() {
        return names;
    }

    /**
     * The type of a parameter.
     *
     * @param typeName the type name of the {@code PARAM} line, any case
     * @param choices the parameter's choices; when there are any the type is {@link #ENUM}
     * @return the type, {@link #UNKNOWN} for a name basicflow does not know
     */
    public static ParameterType of(String typeName, List<String> choices) {
        if (!choices.isEmpty()) {
            return ENUM;
        }
        return known(typeName).orElse(UNKNOWN);
    }

    /**
     * The type a type name means.
     *
     * @param typeName any case
     * @return the type, empty when basicflow does not know the name
     */
    public static Optional<ParameterType> known(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName.trim().toUpperCase(Locale.ROOT)));
    }
}
