package io.basicflow.compiler.catalogue;

import java.util.List;

/**
 * The installed keyword plugins cannot be used together: a name is claimed twice, a declaration is
 * invalid, an effect keyword has no handler, or a plugin failed to load. The message lists every
 * problem and names the plugins and the jars they come from.
 */
public final class PluginCatalogueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems one message per problem, at least one
     */
    public PluginCatalogueException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems, one sentence each.
     *
     * @return the problems
     */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "keyword plugins cannot be loaded: " + problems.getFirst();
        }
        StringBuilder out = new StringBuilder("keyword plugins cannot be loaded (")
                .append(problems.size())
                .append(" problems):");
        for (String problem : problems) {
            out.append("\n  - ").append(problem);
        }
        return out.toString();
    }
}
