package io.mailroom.store.delivery;

import java.nio.file.Path;

/**
 * One message for one recipient.
 *
 * @param mailFrom the envelope sender ("" for the null sender)
 * @param recipient the address or username from RCPT TO
 * @param headerPrefix lines to put in front of the message for this recipient (Return-Path,
 *     Delivered-To), CRLF-terminated; may be empty
 * @param body the spooled message, CRLF-normalised and dot-unstuffed
 */
public record DeliveryRequest(String mailFrom, String recipient, byte[] headerPrefix, Path body) {}
