package io.basicflow.engine.store;

import io.basicflow.engine.api.DeliveryIds;
import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Where durable executions live: the port the engine owns and a persistence module implements.
 *
 * <p>Rules every implementation keeps:
 *
 * <ul>
 *   <li>Each execution's events are append-only and gap-free; a commit's events, outbox messages,
 *       input consumptions, snapshot, status change and children are written in one transaction, or
 *       not at all.
 *   <li>Every write by a worker is <b>fenced</b>: it happens only while the execution is leased by
 *       that worker with the version the worker holds, and it bumps the version. A claim bumps the
 *       version too, so a worker that lost its lease can never write again.
 *   <li>JSON payloads are kept exactly as given (no reordering of keys, no rewriting of numbers).
 *   <li>Infrastructure failures (a lost connection, a server restart) are thrown as unchecked
 *       exceptions; the engine retries.
 * </ul>
 *
 * <p>Its reads alone are {@link ExecutionReads}.
 *
 * <p>Times compared with {@code wakeAt} come from the engine's clock (passed in); lease expiry is
 * decided by the database's clock, so that nodes agree on it.
 */
public interface EventStore extends ExecutionReads {

    // ---- creating ----

    /**
     * Creates executions unless one with their id exists, in one transaction: stores each script by
     * hash, inserts each execution {@code RUNNABLE} with its first event and snapshot, and wakes the
     * workers.
     *
     * @param executions the executions, with distinct ids
     * @return one result per execution, in order: created, or the script hash of the one that existed
     */
    List<CreateResult> createAll(List<NewExecution> executions);

    /**
     * Creates one execution ({@link #createAll}).
     *
     * @param execution the execution
     * @return created, or the script hash of the one that existed
     */
    default CreateResult create(NewExecution execution) {
        return createAll(List.of(execution)).getFirst();
    }

    /**
     * A pinned script.
     *
     * @param hash its hash
     * @return the script, or empty when no script has this hash
     */
    Optional<ScriptSource> script(String hash);

    // ---- workers ----

    /**
     * Claims runnable work for a worker, oldest first, skipping rows other transactions hold: {@code
     * RUNNABLE} and {@code WAITING_TIMER} executions whose {@code wakeAt} is not after {@code now}.
     * Each becomes {@code RUNNING}, leased by {@code owner} until {@code leaseTimeout} from the
     * database's now, its version bumped.
     *
     * @param owner the worker's owner id
     * @param limit the most to claim
     * @param now the engine's time, for {@code wakeAt}
     * @param leaseTimeout how long the lease lasts unless renewed
     * @return the claimed executions, with their snapshot, events after it and waiting inputs
     */
    List<ClaimedExecution> claim(String owner, int limit, Instant now, Duration leaseTimeout);

    /**
     * The earliest {@code wakeAt} of runnable or timer-waiting executions, to schedule a claim.
     *
     * @return the time, or empty when nothing waits for a time
     */
    Optional<Instant> nextWakeAt();

    /**
     * Writes the commits of many executions in one transaction (a group commit). Each is fenced on
     * its own: a commit whose fence fails writes nothing and does not affect the others.
     *
     * @param owner the committing worker's owner id
     * @param commits the commits, at most one per execution
     * @param now the engine's time: the wake-up time of executions that become runnable (a waiting
     *     execution whose input arrived meanwhile, a parent whose child ended)
     * @return one result per commit, in the same order
     * @throws StoreUnavailableException when the database cannot be reached (after the store's own
     *     retries); another exception when the database refused the group
     */
    List<CommitResult> commit(String owner, List<ExecutionCommit> commits, Instant now);

    /**
     * Whether this store can run {@link #commitTransactional}: its events live in a database that data
     * keywords can write to in the same transaction.
     *
     * @return false by default
     */
    default boolean supportsTransactionalCommits() {
        return false;
    }

    /**
     * Writes commits whose content is made inside the transaction ({@link TransactionalCommit}), all in
     * one transaction: fences every execution (locks its row), calls the work of each fenced one with
     * the transaction's connection, writes the commits the works return, and commits. The works write
     * unguarded first; when one says it failed, the transaction is rolled back and the group is written
     * again in a new one, every work guarded (a savepoint each). A commit whose
     * fence fails calls no work and gets {@link CommitResult#leaseLost}. When a work or the write
     * throws, nothing of the group is written and the exception propagates (the activations resume
     * from what was committed before).
     *
     * @param owner the committing worker's owner id
     * @param commits the commits, at most one per execution
     * @param now the engine's time
     * @return one result per commit, in the same order
     * @throws UnsupportedOperationException when the store cannot
     */
    default List<CommitResult> commitTransactional(String owner, List<TransactionalCommit> commits, Instant now) {
        throw new UnsupportedOperationException("this store cannot run a data keyword inside its commit");
    }

    /**
     * Extends the leases a worker holds and still runs, in one statement.
     *
     * @param owner the worker's owner id
     * @param executionIds the executions it runs
     * @param leaseTimeout the new lease length from the database's now
     * @return how many leases were extended
     */
    int renewLeases(String owner, Collection<String> executionIds, Duration leaseTimeout);

    /**
     * Makes running executions whose lease expired runnable again (version bumped, lease cleared), so
     * that any worker can claim them; except the executions the caller itself is running. Its
     * heartbeat renews their leases just before, but skips a row that is locked at that moment (by an
     * input delivery or a commit): such a lease may still look expired a moment later, after an outage
     * of the database, and freeing it would let the execution run twice, the second run finding an
     * effect's completion not yet committed.
     *
     * @param limit the most to free at once
     * @param now the engine's time, their wake-up time
     * @param owner the caller's lease owner
     * @param running the executions the caller runs now, whose leases it keeps
     * @return how many were freed
     */
    int freeExpiredLeases(int limit, Instant now, String owner, Collection<String> running);

    /**
     * The owners that hold leases now.
     *
     * @return the distinct owner ids of running executions
     */
    List<String> leaseOwners();

    /**
     * Makes every execution leased by an owner known to be dead runnable again.
     *
     * @param owner the dead owner
     * @param now the engine's time, their wake-up time
     * @return how many were freed
     */
    int freeLeasesOf(String owner, Instant now);

    /**
     * Gives one lease back after the activation could not finish (e.g. its commit failed): the
     * execution becomes runnable, and resumes from what was committed.
     *
     * @param executionId the execution
     * @param owner the owner that holds it
     * @param now the engine's time, its wake-up time
     * @return true when it was given back, false when the owner no longer held it
     */
    boolean releaseLease(String executionId, String owner, Instant now);

    /**
     * Listens for "work is waiting" notifications from any process, on a connection of its own that
     * is re-opened after a failure. {@code onWork} runs on the listener's thread: keep it short.
     * It also runs after every (re)connection, since notifications sent while disconnected are lost.
     *
     * @param onWork called on a notification
     * @return a handle that stops listening when closed
     */
    AutoCloseable listen(Runnable onWork);

    // ---- reading ----

    /**
     * One execution.
     *
     * @param executionId the id
     * @return its row, or empty when there is none
     */
    Optional<ExecutionRecord> find(String executionId);

    /**
     * One execution's status alone: what a long-poll needs between reads, without the row's state
     * (which {@link #find} reads and transfers whole).
     *
     * @param executionId the id
     * @return its status, or empty when there is no such execution
     */
    default Optional<ExecutionStatus> status(String executionId) {
        return find(executionId).map(ExecutionRecord::status);
    }

    /**
     * Executions matching a query, newest first, one page at a time.
     *
     * @param query the filters and paging
     * @return the page
     */
    ExecutionPage list(ExecutionQuery query);

    /**
     * How many executions there are in each status, for metrics.
     *
     * @return counts by status; statuses with none may be absent
     */
    java.util.Map<io.basicflow.engine.api.ExecutionStatus, Long> countByStatus();

    /**
     * An execution's events after a sequence number.
     *
     * @param executionId the execution
     * @param afterSeq only events with a greater sequence number
     * @param limit at most this many
     * @return the events in order
     */
    List<StoredEvent> events(String executionId, long afterSeq, int limit);

    /**
     * The execution started by a parent's {@code ChildStarted} event.
     *
     * @param parentId the parent
     * @param parentSeq the sequence number of its {@code ChildStarted}
     * @return the child's row, or empty when there is none
     */
    Optional<ExecutionRecord> child(String parentId, long parentSeq);

    // ---- events (WAIT FOR EVENT, PUBLISH EVENT) ----

    /**
     * Makes an execution watch for the next event of a name in its conversation: once this commits,
     * the first event of that name published to the conversation (or to every conversation) is its to
     * receive, once, and publishing wakes it. Replaces the execution's earlier watch.
     *
     * @param executionId the waiting execution
     * @param conversationId its conversation (the root execution's id)
     * @param name the event's name
     * @param awaitedSeq the sequence number of the execution's event that records the wait
     * @return the JSON of the value the watch received already: only when the same wait (name and
     *     sequence number) is set up again after a crash and an event came meanwhile
     * @throws UnsupportedOperationException when this store keeps no events
     */
    default Optional<String> watchEvent(String executionId, String conversationId, String name, long awaitedSeq) {
        throw new UnsupportedOperationException("this store keeps no events");
    }

    /**
     * The event the execution's watch received (the first published after it began), as the JSON of
     * its value.
     *
     * @param executionId the watching execution
     * @return the value's JSON, or empty when none came (or the execution watches nothing)
     */
    default Optional<String> watchedEvent(String executionId) {
        return Optional.empty();
    }

    /**
     * Publishes an event, hands it to every watch of its name and scope that has received nothing yet
     * and wakes their executions, in one transaction; once per key.
     *
     * @param conversationId the conversation it is published to; empty for every conversation
     * @param name the event's name
     * @param valueJson its value as JSON
     * @param key the publisher's idempotency key; publishing a key again does nothing
     * @param now the engine's time, when the woken executions become due
     * @return how many executions were woken (0 when the key was published before)
     * @throws UnsupportedOperationException when this store keeps no events
     */
    default int publishEvent(Optional<String> conversationId, String name, String valueJson, String key, Instant now) {
        throw new UnsupportedOperationException("this store keeps no events");
    }

    /**
     * Registers a start of a script made at run time ({@code SET SCHEDULE when, "script.bas"}), once
     * per registration id: a step repeated after a crash registers nothing more.
     *
     * @param registration the start
     * @return whether it was new
     * @throws UnsupportedOperationException when this store keeps no schedules
     */
    default boolean registerSchedule(io.basicflow.engine.schedule.ScheduleRegistration registration) {
        throw new UnsupportedOperationException("this store keeps no schedules");
    }

    // ---- API writes ----

    /**
     * Stores inputs in executions' inboxes, in one transaction, in order, unless an execution has
     * ended. An input goes to its conversation's owner: the execution itself or, while it waits for a
     * child (a {@code CALL "x.bas"} that asks questions), the innermost child that has not ended, the
     * script that runs. An execution waiting for input becomes runnable (and the workers are woken).
     * An input with a delivery id that its conversation (the execution and its children) has seen before is
     * not stored again, whatever the execution's status now: a sender that retries after a lost
     * answer delivers its input once.
     *
     * @param deliveries the inputs
     * @param now the engine's time, the wake-up time of an execution waiting for input
     * @return per delivery, in order, the status before it of the execution it went to (empty when
     *     there is no such execution) and whether it was a repeat; nothing is stored for a {@code COMPLETED} or
     *     {@code CANCELLED} execution, nor for a repeat
     */
    List<Delivered> deliverInputs(List<InputDelivery> deliveries, Instant now);

    /**
     * Stores one input ({@link #deliverInputs}).
     *
     * @param executionId the execution
     * @param input the input
     * @param now the engine's time
     * @return the execution's status before the delivery (empty when there is no such execution)
     */
    default Optional<ExecutionStatus> deliverInput(String executionId, String input, Instant now) {
        return deliverInputs(List.of(new InputDelivery(executionId, input)), now)
                .getFirst()
                .before();
    }

    /**
     * One input for one execution.
     *
     * @param executionId the execution
     * @param input what the user sent
     * @param deliveryId the sender's id for this input (e.g. a chat message id), unique within the
     *     conversation, or empty
     */
    record InputDelivery(String executionId, String input, Optional<String> deliveryId) {
        /**
         * Validates the parts.
         *
         * @param executionId not null
         * @param input not null
         * @param deliveryId not null; when present, valid by {@link DeliveryIds}
         */
        public InputDelivery {
            java.util.Objects.requireNonNull(executionId, "executionId is null");
            java.util.Objects.requireNonNull(input, "input is null");
            java.util.Objects.requireNonNull(deliveryId, "deliveryId is null");
            deliveryId.ifPresent(DeliveryIds::requireValid);
        }

        /**
         * An input without a delivery id.
         *
         * @param executionId the execution
         * @param input what the user sent
         */
        public InputDelivery(String executionId, String input) {
            this(executionId, input, Optional.empty());
        }
    }

    /**
     * What became of one input delivery.
     *
     * @param before the execution's status before it, or empty when there is no such execution
     * @param repeat whether its delivery id had been delivered before (nothing was stored)
     */
    record Delivered(Optional<ExecutionStatus> before, boolean repeat) {
        /**
         * Validates the parts.
         *
         * @param before not null
         * @param repeat any
         */
        public Delivered {
            java.util.Objects.requireNonNull(before, "before is null");
        }
    }

    /**
     * Runs an operation while holding the execution's row lock (e.g. cancel, retry), and writes what
     * it decides in the same transaction.
     *
     * @param executionId the execution
     * @param now the engine's time, for wake-up times
     * @param operation receives the row and the events after its snapshot, returns its answer and the
     *     change to write
     * @param <T> the answer
     * @return the answer, or empty when there is no such execution
     */
    <T> Optional<T> withLocked(
            String executionId, Instant now, BiFunction<ExecutionRecord, List<StoredEvent>, Locked<T>> operation);

    /**
     * An execution's outgoing messages after a sequence number.
     *
     * @param executionId the execution
     * @param afterSeq only messages of later events
     * @param limit at most this many
     * @return the messages in order
     */
    List<MessageView> messages(String executionId, long afterSeq, int limit);

    /**
     * Marks an execution's messages up to a sequence number acknowledged.
     *
     * @param executionId the execution
     * @param uptoSeq the last sequence number acknowledged
     * @return how many were marked now
     */
    int acknowledge(String executionId, long uptoSeq);

    /**
     * The messages of an execution and of its descendants (children are {@code <parent>~<seq>}),
     * after a position, in position (commit) order.
     *
     * @param executionId the execution leading the conversation
     * @param afterPosition only messages with a greater position
     * @param limit at most this many
     * @return the messages in order
     */
    List<MessageView> conversation(String executionId, long afterPosition, int limit);

    /**
     * Marks the messages of an execution and its descendants up to a position acknowledged.
     *
     * @param executionId the execution leading the conversation
     * @param uptoPosition the last position acknowledged
     * @return the number of messages newly acknowledged
     */
    int acknowledgeConversation(String executionId, long uptoPosition);

    /**
     * The answer of a locked operation and what it writes.
     *
     * @param answer the answer for the caller
     * @param change what to write under the lock
     * @param <T> the answer's type
     */
    record Locked<T>(T answer, LockedChange change) {
        /**
         * Validates the change.
         *
         * @param answer the answer
         * @param change not null
         */
        public Locked {
            java.util.Objects.requireNonNull(change, "change is null");
        }
    }
}
