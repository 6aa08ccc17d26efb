package io.mailroom.mime;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the store keeps of a message's MIME structure, computed once at ingest so that no later
 * FETCH or SEARCH has to read the body from S3.
 *
 * <p>The ENVELOPE, BODYSTRUCTURE and BODY strings are complete IMAP values, parentheses included,
 * to be written after {@code ENVELOPE }, {@code BODYSTRUCTURE } or {@code BODY } as they are. They
 * are sent as UTF-8: a string that holds non-ASCII text is a literal {@code {n}\r\n...} whose
 * {@code n} counts UTF-8 octets (see {@code ImapStrings} for the quoting rule).
 *
 * @param size octets of the (CRLF-normalised) message: RFC822.SIZE
 * @param envelope the IMAP ENVELOPE, ready to send: {@code ("date" "subject" ((...)) ...)}
 * @param bodyStructure the IMAP BODYSTRUCTURE (extensible form), ready to send
 * @param body the IMAP BODY (non-extensible form), ready to send
 * @param parts every part with its byte offsets, root first (path ""), then depth-first, numbered
 *     as IMAP numbers sections: a message that is not multipart (the top level, or one inside a
 *     message/rfc822 part n) also gets part "1" (or "n.1"), its body, so that {@link
 *     SectionLocator} finds BODY[1] without knowing types
 * @param sentDate the Date: header, or null when missing or unparseable
 * @param subject decoded Subject (RFC 2047), "" when missing
 * @param from decoded From addresses as text ("Name <a@b>, ..."), "" when missing
 * @param to decoded To as text
 * @param cc decoded Cc as text
 * @param bcc decoded Bcc as text
 * @param messageId the Message-ID header value, "" when missing
 * @param searchableText the decoded subject, then the decoded text of the text/* parts
 *     (charset-converted, HTML tags dropped), for BODY/TEXT search; at most 1 Mi characters
 */
public record ParsedMessage(
    long size,
    String envelope,
    String bodyStructure,
    String body,
    List<PartOffsets> parts,
    OffsetDateTime sentDate,
    String subject,
    String from,
    String to,
    String cc,
    String bcc,
    String messageId,
    String searchableText) {}
