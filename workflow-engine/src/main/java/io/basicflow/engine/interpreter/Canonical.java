package io.basicflow.engine.interpreter;

import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings values from outside the evaluator (handler results, validated input) to the canonical form
 * the evaluator produces: numbers through {@link NumberValue#of(java.math.BigDecimal)}, so that
 * {@code 5.0} from a plugin is the integer 5 and equal values have equal representations. Values
 * already canonical are returned as they are, without copying.
 */
final class Canonical {

    private Canonical() {}

    static Value of(Value value) {
        return switch (value) {
            case DecimalValue decimal -> NumberValue.of(decimal.value());
            case ListValue list -> {
                List<Value> elements = null;
                for (int i = 0; i < list.elements().size(); i++) {
                    Value element = list.elements().get(i);
                    Value canonical = of(element);
                    if (canonical != element && elements == null) {
                        elements = new ArrayList<>(list.elements().subList(0, i));
                    }
                    if (elements != null) {
                        elements.add(canonical);
                    }
                }
                yield elements == null ? list : new ListValue(elements);
            }
            case MapValue map -> {
                Map<String, Value> entries = null;
                for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                    Value canonical = of(entry.getValue());
                    if (canonical != entry.getValue() && entries == null) {
                        entries = new LinkedHashMap<>();
                        for (Map.Entry<String, Value> earlier : map.entries().entrySet()) {
                            if (earlier.getKey().equals(entry.getKey())) {
                                break;
                            }
                            entries.put(earlier.getKey(), earlier.getValue());
                        }
                    }
                    if (entries != null) {
                        entries.put(entry.getKey(), canonical);
                    }
                }
                yield entries == null ? map : new MapValue(entries);
            }
            default -> value;
        };
    }
}
