-- Storage quota: the most octets an account's messages may take, summed over all its mailboxes (a
-- copy counts again, as in Dovecot's count quota). Null is unlimited, the default; the admin API
-- stores 0 as null so that "unlimited" has one form.
alter table account add column quota_bytes bigint check (quota_bytes > 0);

-- POP3 (RFC 1939) sends a message that does not end in CRLF with one added before the terminating
-- ".", so LIST/STAT must count those two octets too. Rows from before this migration count as
-- ending in CRLF: whether they did was not recorded.
alter table content add column ends_with_crlf boolean not null default true;
