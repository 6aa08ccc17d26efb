package io.mailroom.store.grpc;

/** Who is calling, as the interceptor found it in the metadata. */
sealed interface Credential {

  /** A gateway session: the account comes from the signed token and nothing else. */
  record Session(long accountId, String username) implements Credential {}

  /** The filter service or an admin tool: may name any account (or none, for Deliver). */
  record Service(String account) implements Credential {}
}
