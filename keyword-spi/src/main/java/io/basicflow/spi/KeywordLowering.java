package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How the compiler writes one call of a keyword as calls of other keywords, each its own step: a
 * keyword that is several effects in a row ({@code SAVE FROM UNSTRUCTURED table, text}: ask the
 * model for the row, then write it) declares it with {@link KeywordPlugin#lowering(String)} instead
 * of a handler. Each step is then journaled, retried and replayed on its own, so the model's answer
 * is recorded once and the write keeps its own guarantee (a transactional keyword's exactly-once
 * commit).
 *
 * <p>The calls run in order. An argument is either what the script wrote for one of the lowered
 * keyword's parameters ({@link Source.Parameter}; an optional parameter the script left out is left
 * out of the call too) or the value of an earlier call ({@link Source.Result}). The value of the last
 * call is the value of the whole keyword ({@code x = KEYWORD …}). The called keywords may belong to
 * other plugins: they are named, not linked, and a script that calls the lowered keyword while one of
 * them is not installed gets a compile error naming it.
 *
 * @param calls the keyword calls, in order; at least one
 */
public record KeywordLowering(List<Call> calls) {

    /**
     * Validates the calls: at least one, and each {@link Source.Result} names an earlier call.
     *
     * @param calls not empty
     */
    public KeywordLowering {
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("a lowering needs at least one call");
        }
        for (int i = 0; i < calls.size(); i++) {
            for (Argument argument : calls.get(i).arguments()) {
                if (argument.source() instanceof Source.Result result && result.call() >= i) {
                    throw new IllegalArgumentException(
                            "call " + i + " (" + calls.get(i).keyword() + ") reads the result of call " + result.call()
                                    + ", which does not run before it");
                }
            }
        }
    }

    /**
     * The lowering made of these calls.
     *
     * @param calls in order
     * @return the lowering
     */
    public static KeywordLowering of(Call... calls) {
        return new KeywordLowering(List.of(calls));
    }

    /**
     * One keyword call of a lowering.
     *
     * @param keyword the called keyword's name, any case ({@code INSERT})
     * @param arguments its arguments, by its parameter names
     */
    public record Call(String keyword, List<Argument> arguments) {
        /**
         * Validates the parts and normalises the keyword's name to upper case words.
         *
         * @param keyword not blank
         * @param arguments not null
         */
        public Call {
            requireNonNull(keyword, "keyword is null");
            keyword = keyword.strip().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("keyword is blank");
            }
            arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        }

        /**
         * A call with these arguments.
         *
         * @param keyword the called keyword
         * @param arguments its arguments
         * @return the call
         */
        public static Call of(String keyword, Argument... arguments) {
            return new Call(keyword, List.of(arguments));
        }
    }

    /**
     * One argument of a {@link Call}.
     *
     * @param parameter the called keyword's parameter it binds
     * @param source where its value comes from
     */
    public record Argument(String parameter, Source source) {
        /**
         * Validates the parts.
         *
         * @param parameter not null
         * @param source not null
         */
        public Argument {
            requireNonNull(parameter, "parameter is null");
            requireNonNull(source, "source is null");
        }

        /**
         * The argument the script wrote for one of the lowered keyword's parameters.
         *
         * @param parameter the called keyword's parameter
         * @param written the lowered keyword's parameter
         * @return the argument
         */
        public static Argument written(String parameter, String written) {
            return new Argument(parameter, new Source.Parameter(written));
        }

        /**
         * The value of an earlier call.
         *
         * @param parameter the called keyword's parameter
         * @param call the index of the earlier call, from 0
         * @return the argument
         */
        public static Argument resultOf(String parameter, int call) {
            return new Argument(parameter, new Source.Result(call));
        }
    }

    /** Where an argument's value comes from. */
    public sealed interface Source {

        /**
         * What the script wrote for a parameter of the lowered keyword.
         *
         * @param name the lowered keyword's parameter name
         */
        record Parameter(String name) implements Source {
            /**
             * Validates the name.
             *
             * @param name not null
             */
            public Parameter {
                requireNonNull(name, "name is null");
            }
        }

        /**
         * The value of an earlier call of the lowering.
         *
         * @param call its index, from 0
         */
        record Result(int call) implements Source {
            /**
             * Validates the index.
             *
             * @param call not negative
             */
            public Result {
                if (call < 0) {
                    throw new IllegalArgumentException("call index " + call + " is negative");
                }
            }
        }
    }
}
