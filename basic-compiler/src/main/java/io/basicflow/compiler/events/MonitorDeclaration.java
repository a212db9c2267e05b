package io.basicflow.compiler.events;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One monitor of a script: {@code ON EMAIL "address" [FROM "sender"] [SUBJECT "pattern"]} (keyword-on-email.md)
 * or {@code ON CHANGE "path" [EVENTS "create, modify, delete"]} (keyword-on-change.md), with its block up to
 * {@code END ON} or, in the one-line form, the rest of the script up to the next trigger or handler line.
 * Like a table trigger ({@link RowTriggerDeclaration}) it is a declaration: the script's own run skips
 * it; whoever deploys the script registers the monitor, and each new message (or changed file) starts one
 * execution of the body with the event in {@code params} (docs/triggers.md).
 *
 * <p>{@link #source} is the declaring script with every line blanked except the body and the script's
 * {@code SUB} and {@code FUNCTION} blocks, so that its line numbers are the script's.
 *
 * @param kind {@code EMAIL} or {@code CHANGE}
 * @param target the address or the path, as written between the quotes (stripped)
 * @param clauses the clauses of the line by upper-case name: {@code FROM} and {@code SUBJECT}, or {@code EVENTS}
 * @param line the 1-based line of the {@code ON}
 * @param firstBodyLine the first line of the body
 * @param lastBodyLine the last line of the body
 * @param source the monitor's text, as described above
 */
public record MonitorDeclaration(
        String kind,
        String target,
        Map<String, String> clauses,
        int line,
        int firstBodyLine,
        int lastBodyLine,
        String source) {

    /** The kinds of monitor. */
    public static final Set<String> KINDS = Set.of("EMAIL", "CHANGE");

    /**
     * Validates the parts.
     *
     * @param kind one of {@link #KINDS}
     * @param target not blank
     * @param clauses not null
     * @param line the line
     * @param firstBodyLine the first body line
     * @param lastBodyLine the last body line
     * @param source not null
     */
    public MonitorDeclaration {
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
        requireNonNull(source, "source is null");
        clauses = Map.copyOf(requireNonNull(clauses, "clauses is null"));
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind is not EMAIL or CHANGE: " + kind);
        }
        if (target.isBlank()) {
            throw new IllegalArgumentException("target is blank");
        }
    }

    /**
     * A clause's text.
     *
     * @param name {@code FROM}, {@code SUBJECT} or {@code EVENTS}
     * @return its text as written between the quotes, empty when the line has no such clause
     */
    public Optional<String> clause(String name) {
        return Optional.ofNullable(clauses.get(name));
    }

    /**
     * The monitors a script declares, in line order. A monitor whose line is malformed is left out (the
     * compiler reports it).
     *
     * @param name the script's name
     * @param source its text
     * @return its monitors
     */
    public static List<MonitorDeclaration> declaredIn(String name, String source) {
        List<MonitorDeclaration> found = new ArrayList<>();
        for (TriggerBlocks.Block block : TriggerBlocks.scan(name, source)) {
            if (KINDS.contains(block.kind())) {
                found.add(new MonitorDeclaration(
                        block.kind(),
                        block.target(),
                        block.clauses(),
                        block.line(),
                        block.firstBodyLine(),
                        block.lastBodyLine(),
                        block.source()));
            }
        }
        return List.copyOf(found);
    }
}
