-- The store's whole state besides message bodies (which live in S3 under their sha-256).

create table account (
  id            bigserial primary key,
  username      text not null unique,
  password_hash text not null,
  created_at    timestamptz not null default now()
);

-- UIDVALIDITY must differ for a re-created mailbox, also across a wiped database: start at epoch
-- seconds so a fresh database never hands out values a client may still have cached.
create sequence uid_validity_seq;
select setval('uid_validity_seq', extract(epoch from now())::bigint);

create table mailbox (
  id             bigserial primary key,
  account_id     bigint not null references account(id) on delete cascade,
  name           text not null,
  uid_validity   bigint not null default nextval('uid_validity_seq'),
  uid_next       bigint not null default 1,
  highest_modseq bigint not null default 1,
  -- messages with uid >= recent_floor are \Recent for the next session that selects read-write
  recent_floor   bigint not null default 1,
  special_use    text,
  subscribed     boolean not null default false,
  selectable     boolean not null default true,
  unique (account_id, name)
);

-- Immutable: one row per ingested message; COPY shares it. The body is in S3 under blob_key.
create table content (
  id             bigserial primary key,
  email_id       text not null unique,
  blob_key       text not null,
  size           bigint not null,
  envelope       text not null,
  body_structure text not null,
  body           text not null,
  parts          jsonb not null,
  header_text    text not null,
  subject        text not null,
  from_addr      text not null,
  to_addr        text not null,
  cc_addr        text not null,
  bcc_addr       text not null,
  message_id     text not null,
  sent_date      timestamptz,
  search_text    text not null,
  search_vector  tsvector not null,
  created_at     timestamptz not null default now()
);
create index content_blob_key on content (blob_key);
create index content_search on content using gin (search_vector);

create table mailbox_message (
  mailbox_id           bigint not null references mailbox(id) on delete cascade,
  uid                  bigint not null,
  content_id           bigint not null references content(id),
  flags                text[] not null default '{}',
  modseq               bigint not null,
  internal_date        timestamptz not null,
  internal_date_offset integer not null default 0,
  primary key (mailbox_id, uid)
);
create index mailbox_message_modseq on mailbox_message (mailbox_id, modseq);
create index mailbox_message_content on mailbox_message (content_id);

-- What was expunged, for Changes (QRESYNC-style VANISHED and IDLE catch-up).
create table expunged (
  mailbox_id bigint not null references mailbox(id) on delete cascade,
  uid        bigint not null,
  modseq     bigint not null,
  primary key (mailbox_id, uid)
);
create index expunged_modseq on expunged (mailbox_id, modseq);

-- Transactional outbox: written with the change, published to Kafka by the relay.
create table outbox (
  id         bigserial primary key,
  account_id bigint not null,
  event      bytea not null,
  created_at timestamptz not null default now(),
  sent_at    timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;

-- POP3 maildrop lock (RFC 1939) as a lease, so it holds across gateway replicas and expires.
create table maildrop_lease (
  account_id bigint primary key references account(id) on delete cascade,
  lock_id    text not null,
  holder     text not null,
  expires_at timestamptz not null
);

-- A repeated idempotency key returns the first reply instead of doing the change twice.
create table idempotency_key (
  account_id bigint not null references account(id) on delete cascade,
  key        text not null,
  reply      bytea not null,
  created_at timestamptz not null default now(),
  primary key (account_id, key)
);
