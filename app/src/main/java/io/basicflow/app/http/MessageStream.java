package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.engine.api.ConversationFollower;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.WorkflowEngine;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An execution's messages as server-sent events ({@code GET /executions/{id}/messages} with {@code
 * Accept: text/event-stream}).
 *
 * <p>The stream starts after the {@code Last-Event-ID} header (a reconnecting browser sends it),
 * else after the {@code after} parameter, else at the beginning. Frames:
 *
 * <ul>
 *   <li>{@code event: message}, {@code id: <position>}, {@code data: <message JSON>} for each message,
 *       in order, as soon as it is committed;
 *   <li>{@code event: status}, {@code data: {"status": …, "ended": …}} first and whenever the
 *       status changes (no id, so it does not move the resume point);
 *   <li>a {@code : keep-alive} comment after each heartbeat interval without messages;
 *   <li>{@code event: end} with the final status, after which the server closes the stream: when
 *       the execution is COMPLETED or CANCELLED and every message was sent. A FAILED execution keeps
 *       its stream open, since it may be retried.
 * </ul>
 *
 * <p>The handler runs on a virtual thread and blocks in the engine's long-poll, so an open stream
 * holds no platform thread.
 */
final class MessageStream {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStream.class);
    private static final int BATCH = 100;

    private final WorkflowEngine engine;
    private final HttpServerConfig config;
    private final InFlight inFlight;

    MessageStream(WorkflowEngine engine, HttpServerConfig config, InFlight inFlight) {
        this.engine = requireNonNull(engine, "engine is null");
        this.config = requireNonNull(config, "config is null");
        this.inFlight = requireNonNull(inFlight, "inFlight is null");
    }

    /** Whether the client asked for an event stream. */
    static boolean wanted(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    void serve(Context ctx, String id) {
        long cursor = startAfter(ctx);
        // The status alone, here and after each batch: the whole view would read and decode the
        // execution's state once per turn of the conversation.
        ExecutionStatus status = engine.status(id).orElseThrow(() -> new ExecutionNotFoundException(id));
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        inFlight.streamStarted();
        // One follower for the stream's life: after a batch it waits for the next commit instead of
        // reading the conversation again at once (one read per turn of a chat, not two).
        try (ConversationFollower follower = engine.followConversation(id, cursor)) {
            ServletOutputStream out = response.getOutputStream();
            write(out, response, "retry: 2000\n\n");
            writeStatus(out, response, status);
            while (!inFlight.closing()) {
                List<MessageView> messages = follower.next(BATCH, config.sseHeartbeat());
                for (MessageView message : messages) {
                    writeMessage(out, message);
                }
                cursor = follower.position();
                if (messages.isEmpty()) {
                    write(out, response, ": keep-alive\n\n");
                } else {
                    response.flushBuffer();
                }
                Optional<ExecutionStatus> now = follower.status();
                if (now.isEmpty()) {
                    break; // removed while streaming: nothing more will come
                }
                if (now.get() != status) {
                    status = now.get();
                    writeStatus(out, response, status);
                }
                if (status.isEnded()) {
                    // Messages committed with the end may have arrived after the batch above.
                    List<MessageView> rest;
                    do {
                        rest = engine.conversation(id, cursor, BATCH, Duration.ZERO);
                        for (MessageView message : rest) {
                            writeMessage(out, message);
                            cursor = message.position();
                        }
                    } while (!rest.isEmpty());
                    write(out, response, "event: end\ndata: " + Json.write(statusJson(status)) + "\n\n");
                    break;
                }
            }
        } catch (IOException e) {
            LOG.debug("event stream of execution {} closed by the client: {}", id, e.toString());
        } catch (ExecutionNotFoundException e) {
            LOG.debug("event stream of execution {} ended: the execution was removed", id);
        } catch (RuntimeException e) {
            if (!inFlight.closing()) {
                LOG.warn("event stream of execution {} ended by an error", id, e);
            }
        } finally {
            inFlight.streamEnded();
            Thread.interrupted(); // do not leak an interrupt from close() into Jetty's thread
        }
    }

    private static long startAfter(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                long seq = Long.parseLong(lastEventId.strip());
                if (seq < 0) {
                    throw new NumberFormatException();
                }
                return seq;
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidParameter(
                        "Last-Event-ID",
                        "the Last-Event-ID header must be a message position, was '" + lastEventId + "'");
            }
        }
        return Requests.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
    }

    private static void writeMessage(ServletOutputStream out, MessageView message) throws IOException {
        String frame =
                "id: " + message.position() + "\nevent: message\ndata: " + Json.write(Views.message(message)) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeStatus(ServletOutputStream out, HttpServletResponse response, ExecutionStatus status)
            throws IOException {
        write(out, response, "event: status\ndata: " + Json.write(statusJson(status)) + "\n\n");
    }

    private static ObjectNode statusJson(ExecutionStatus status) {
        return Json.object().put("status", status.name()).put("ended", status.isEnded());
    }

    private static void write(ServletOutputStream out, HttpServletResponse response, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }
}
