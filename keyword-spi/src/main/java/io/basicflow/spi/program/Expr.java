package io.basicflow.spi.program;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.util.List;

/**
 * A pure expression tree. Evaluating one never has a side effect: calls to keywords with effects
 * compile to their own {@link Step.Invoke} step instead. Names are canonical: variables lower
 * case, functions upper case.
 */
public sealed interface Expr {

    /**
     * A constant.
     *
     * @param value the constant value
     */
    record Literal(Value value) implements Expr {
        /**
         * Validates the value.
         *
         * @param value not null
         */
        public Literal {
            requireNonNull(value, "value is null");
        }
    }

    /**
     * A variable read; an unset variable reads as {@code NULL}.
     *
     * @param name the variable name, lower case
     */
    record Variable(String name) implements Expr {
        /**
         * Validates the name.
         *
         * @param name not null
         */
        public Variable {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * A map member read, {@code target.name}; a missing member reads as {@code NULL}.
     *
     * @param target the map expression
     * @param name the member name as written
     */
    record Member(Expr target, String name) implements Expr {
        /**
         * Validates the parts.
         *
         * @param target not null
         * @param name not null
         */
        public Member {
            requireNonNull(target, "target is null");
            requireNonNull(name, "name is null");
        }
    }

    /**
     * An element read, {@code target[index]}: a zero-based list index or a map key.
     *
     * @param target the list or map expression
     * @param index the index or key expression
     */
    record Index(Expr target, Expr index) implements Expr {
        /**
         * Validates the parts.
         *
         * @param target not null
         * @param index not null
         */
        public Index {
            requireNonNull(target, "target is null");
            requireNonNull(index, "index is null");
        }
    }

    /**
     * A call of a pure function (built-in or from a plugin).
     *
     * @param function the function name, upper case
     * @param arguments the argument expressions
     */
    record Call(String function, List<Expr> arguments) implements Expr {
        /**
         * Validates and copies the parts.
         *
         * @param function not null
         * @param arguments not null
         */
        public Call {
            requireNonNull(function, "function is null");
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * A unary operation.
     *
     * @param operator the operator
     * @param operand the operand
     */
    record Unary(UnaryOperator operator, Expr operand) implements Expr {
        /**
         * Validates the parts.
         *
         * @param operator not null
         * @param operand not null
         */
        public Unary {
            requireNonNull(operator, "operator is null");
            requireNonNull(operand, "operand is null");
        }
    }

    /**
     * A binary operation. {@code AND} and {@code OR} short-circuit.
     *
     * @param operator the operator
     * @param left the left operand
     * @param right the right operand
     */
    record Binary(BinaryOperator operator, Expr left, Expr right) implements Expr {
        /**
         * Validates the parts.
         *
         * @param operator not null
         * @param left not null
         * @param right not null
         */
        public Binary {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }
    }

    /**
     * A list literal {@code [a, b]}.
     *
     * @param elements the element expressions
     */
    record ListLiteral(List<Expr> elements) implements Expr {
        /**
         * Copies the elements.
         *
         * @param elements not null
         */
        public ListLiteral {
            elements = List.copyOf(elements);
        }
    }

    /**
     * A map literal {@code #{ key: value }} or {@code { "key": value }}, in source order.
     *
     * @param entries the entries
     */
    record MapLiteral(List<MapEntry> entries) implements Expr {
        /**
         * Copies the entries.
         *
         * @param entries not null
         */
        public MapLiteral {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One entry of a map literal.
     *
     * @param key the key as written (without quotes)
     * @param value the value expression
     */
    record MapEntry(String key, Expr value) {
        /**
         * Validates the parts.
         *
         * @param key not null
         * @param value not null
         */
        public MapEntry {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }
    }

    /**
     * An interpolated string: the display texts of the parts, concatenated. Literal text parts are
     * {@link Literal}s of text.
     *
     * @param parts the parts in order
     */
    record Template(List<Expr> parts) implements Expr {
        /**
         * Copies the parts.
         *
         * @param parts not null
         */
        public Template {
            parts = List.copyOf(parts);
        }
    }

    /** Unary operators. */
    enum UnaryOperator {
        /** {@code -x}. */
        NEGATE,
        /** {@code NOT x}: the negated truthiness. */
        NOT,
        /** {@code x IS NULL}. */
        IS_NULL,
        /** {@code x IS NOT NULL}. */
        IS_NOT_NULL
    }

    /** Binary operators, loosest binding first. */
    enum BinaryOperator {
        /** {@code OR}, short-circuit, yields a boolean. */
        OR,
        /** {@code AND}, short-circuit, yields a boolean. */
        AND,
        /** {@code =} or {@code ==} in an expression. */
        EQUAL,
        /** {@code <>} or {@code !=}. */
        NOT_EQUAL,
        /** {@code <}. */
        LESS,
        /** {@code <=}. */
        LESS_OR_EQUAL,
        /** {@code >}. */
        GREATER,
        /** {@code >=}. */
        GREATER_OR_EQUAL,
        /** {@code +}: adds numbers, concatenates when either side is text. */
        ADD,
        /** {@code -}. */
        SUBTRACT,
        /** {@code &}: always concatenates display texts. */
        CONCAT,
        /** {@code *}. */
        MULTIPLY,
        /** {@code /}: exact decimal division. */
        DIVIDE,
        /** {@code \}: integer division. */
        INTEGER_DIVIDE,
        /** {@code MOD}. */
        MODULO,
        /** {@code ^}. */
        POWER
    }
}
