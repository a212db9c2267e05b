package io.basicflow.engine.api;

/**
 * The rules for input delivery ids ({@link WorkflowEngine#deliverInput(String, String, String)}): a
 * sender's id for one input, such as a chat message id.
 */
public final class DeliveryIds {

    /** The longest delivery id, in characters. */
    public static final int MAX_LENGTH = 200;

    private DeliveryIds() {}

    /**
     * Checks a delivery id.
     *
     * @param deliveryId the candidate
     * @return the id
     * @throws IllegalArgumentException when it is null, empty, longer than {@value #MAX_LENGTH}
     *     characters or has a control character
     */
    public static String requireValid(String deliveryId) {
        if (deliveryId == null || deliveryId.isEmpty() || deliveryId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a delivery id has 1 to " + MAX_LENGTH + " characters; this one has "
                    + (deliveryId == null ? "none" : deliveryId.length()));
        }
        if (deliveryId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a delivery id cannot contain control characters");
        }
        return deliveryId;
    }
}
