package wolf.actors;

/**
 * Marker for every message that crosses the network between Wolf nodes. The node configuration
 * binds it to Pekko's Jackson CBOR serializer and turns Java serialization off, so a cross-node
 * message that does not implement this interface fails loudly instead of being sent in an unsafe
 * format.
 *
 * <p>Implementations are immutable Java records; {@code ActorRef} fields are allowed (Pekko's
 * Jackson module serializes them as actor paths).
 */
public interface CborSerializable {}
