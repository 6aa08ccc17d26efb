package io.mailroom.filter.execution;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A row of filter_audit_location: a place an audited message was left in. */
@Embeddable
record AuditedLocation(
    @Column(name = "account", nullable = false) String account,
    @Column(name = "mailbox", nullable = false) String mailbox,
    @Column(name = "uid", nullable = false) long uid) {

  MessageOutcome.Location toLocation() {
    return new MessageOutcome.Location(mailbox, uid);
  }
}
