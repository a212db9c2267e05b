package io.basicflow.ai;

import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import java.util.List;

/** Where {@code LLM} finds the knowledge base passages for a prompt. */
interface KnowledgeSource {

    /**
     * The passages of the execution's knowledge bases in use that answer a question best, best first.
     *
     * @param context the invocation's context (its execution values name the knowledge bases in use)
     * @param question the prompt
     * @param limit how many at most
     * @return the passages; empty when no knowledge base is in use
     */
    List<String> passages(InvocationContext context, String question, int limit) throws KeywordException;
}
