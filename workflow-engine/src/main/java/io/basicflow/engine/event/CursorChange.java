package io.basicflow.engine.event;

import io.basicflow.engine.state.FrameSnapshot;
import java.util.List;

/**
 * How the cursor changed since the previous event, as a delta that stays small however large the
 * frames are: the first {@code keep} frames stay (frames below the last one kept are unchanged; the
 * last one kept moves to {@code index} and, for a {@code FOR EACH} frame, {@code position}), then
 * {@code pushed} frames follow in full. A frame's data ({@code FOR EACH} list, call parameters) is
 * therefore written once, when it is pushed.
 *
 * @param keep how many frames of the previous cursor stay, from the outermost
 * @param index the new index of the last frame kept (ignored when {@code keep} is 0)
 * @param position the new element position of the last frame kept when it is a {@code FOR EACH}
 *     frame, else 0
 * @param pushed the frames on top of the kept ones, outermost first
 */
public record CursorChange(int keep, int index, int position, List<FrameSnapshot> pushed) {

    /**
     * Validates and copies the parts.
     *
     * @param keep not negative
     * @param index not negative
     * @param position not negative
     * @param pushed not null
     */
    public CursorChange {
        if (keep < 0 || index < 0 || position < 0) {
            throw new IllegalArgumentException(
                    "invalid cursor change: keep " + keep + ", index " + index + ", position " + position);
        }
        pushed = List.copyOf(pushed);
    }
}
