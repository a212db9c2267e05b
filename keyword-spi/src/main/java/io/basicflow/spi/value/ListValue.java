package io.basicflow.spi.value;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable list of values.
 *
 * @param elements the elements, copied
 */
public record ListValue(List<Value> elements) implements Value {

    /** The empty list. */
    public static final ListValue EMPTY = new ListValue(List.of());

    /**
     * Copies the elements.
     *
     * @param elements the elements, not null, no null element
     */
    public ListValue {
        requireNonNull(elements, "elements is null");
        elements = List.copyOf(elements);
    }

    /**
     * The list with one element replaced or appended.
     *
     * @param index the zero-based index; equal to the size appends
     * @param element the new element
     * @return a new list
     * @throws IndexOutOfBoundsException when the index is negative or past the end
     */
    public ListValue with(int index, Value element) {
        List<Value> copy = new ArrayList<>(elements);
        if (index == copy.size()) {
            copy.add(element);
        } else {
            copy.set(index, element);
        }
        return new ListValue(copy);
    }

    @Override
    public boolean isTruthy() {
        return !elements.isEmpty();
    }

    @Override
    public String display() {
        return Json.write(this);
    }

    @Override
    public Object toJava() {
        List<Object> list = new ArrayList<>(elements.size());
        for (Value element : elements) {
            list.add(element.toJava());
        }
        return Collections.unmodifiableList(list);
    }
}
