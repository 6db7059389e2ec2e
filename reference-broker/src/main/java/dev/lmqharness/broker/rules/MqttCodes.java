package dev.lmqharness.broker.rules;

/**
 * The MQTT 3.1.1 return codes the rules answer with (values of the wire protocol, so no Netty
 * type is needed here).
 */
public final class MqttCodes {

    public static final int CONNACK_ACCEPTED = 0x00;
    public static final int CONNACK_UNACCEPTABLE_PROTOCOL_VERSION = 0x01;
    /** Refused Client ID or unknown Group ID (RULES.md identity Decision). */
    public static final int CONNACK_IDENTIFIER_REJECTED = 0x02;
    public static final int CONNACK_SERVER_UNAVAILABLE = 0x03;
    /** Credentials that cannot be verified ({@code SignatureAuthenticator}, {@code TokenAuthenticator} Decision). */
    public static final int CONNACK_BAD_USERNAME_OR_PASSWORD = 0x04;
    /** Verified credentials that do not authorise this connection ({@code TokenAuthenticator} Decision). */
    public static final int CONNACK_NOT_AUTHORIZED = 0x05;
    /** SUBACK return code for a refused filter (topic, quota and P2P Decisions). */
    public static final int SUBACK_FAILURE = 0x80;

    private MqttCodes() {
    }
}
