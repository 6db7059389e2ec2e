package dev.lmqharness.broker.trace;

/** What became of one delivery of a message to one client ({@code MessageIdGenerator} trace). */
public enum DeliveryOutcome {
    /** QoS0 pushed to an online client. */
    PUSHED,
    /** QoS1/2 stored for the client (online or offline). */
    QUEUED,
    /** Sent on the wire, acknowledgement awaited. */
    SENT,
    /** PUBACK (QoS1) or PUBCOMP (QoS2) received. */
    ACKNOWLEDGED,
    /** Deleted because the offline store was full ({@code OfflinePolicy}). */
    EVICTED,
    /** Deleted because it was older than the retention time ({@code OfflinePolicy}). */
    EXPIRED,
    /** Not kept: the client was offline and its session keeps no offline messages. */
    DROPPED_OFFLINE,
    /** Not delivered because of a resource limit of the client (docs/limits.md): QoS0 to a full or unwritable client, a slow client's queue. */
    DROPPED_LIMIT,
    /** The message was refused or discarded before routing (e.g. {@code PayloadLimit} payload too large). */
    DISCARDED
}
