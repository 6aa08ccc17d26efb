package io.mailroom.store.client.auth;

/**
 * Whom an account-scoped store call is made as: a user's {@link Login} (the gateways), or a service
 * acting for an account (the filter service). The store takes the account from this and from
 * nothing in the request, so no request can name another account.
 */
public sealed interface Caller permits Login, ServiceCaller {}
