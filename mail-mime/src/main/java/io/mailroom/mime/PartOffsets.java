package io.mailroom.mime;

/**
 * Where one MIME part lies in the stored message, as byte offsets (start inclusive, end exclusive).
 *
 * @param path the IMAP section part number: "" for the message itself, "1", "1.2", ...
 * @param headerStart first octet of the part's MIME header
 * @param bodyStart first octet after the blank line ending that header
 * @param bodyEnd end of the part's body (before the CRLF preceding the next boundary)
 * @param messageHeaderEnd for a message/rfc822 part: end of the encapsulated message's header
 *     (including its blank line), so that BODY[n.HEADER] and BODY[n.TEXT] can be cut; -1 otherwise
 */
public record PartOffsets(
    String path, long headerStart, long bodyStart, long bodyEnd, long messageHeaderEnd) {}
