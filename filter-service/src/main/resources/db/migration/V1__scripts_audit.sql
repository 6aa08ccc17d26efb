-- Users' Sieve scripts. At most one script per account is active for each direction.
create table sieve_script (
  account         text        not null,
  name            text        not null,
  content         text        not null,
  version         integer     not null,
  active_incoming boolean     not null default false,
  active_outgoing boolean     not null default false,
  updated_at      timestamptz not null default now(),
  primary key (account, name)
);
create unique index sieve_script_one_incoming on sieve_script (account) where active_incoming;
create unique index sieve_script_one_outgoing on sieve_script (account) where active_outgoing;

-- Events whose actions were planned (the plan survives a crash) and then done.
create table processed_event (
  event_id   text        primary key,
  account    text        not null,
  state      text        not null check (state in ('planned', 'done')),
  plan       text        not null,
  updated_at timestamptz not null default now()
);

-- One row per filtered message: what ran, what it decided, how it went.
create table filter_audit (
  id             bigserial   primary key,
  event_id       text        not null,
  account        text        not null,
  mailbox        text        not null,
  uid            bigint      not null,
  script_name    text,
  script_version integer,
  actions        text        not null,
  outcome        text        not null,
  reason         text,
  created_at     timestamptz not null default now()
);
create index filter_audit_by_event on filter_audit (event_id);

-- Every place the message was left in (the source when kept, each fileinto target), so
-- "why is this message in this mailbox?" is one lookup.
create table filter_audit_location (
  audit_id bigint not null references filter_audit (id) on delete cascade,
  account  text   not null,
  mailbox  text   not null,
  uid      bigint not null
);
create index filter_audit_location_lookup on filter_audit_location (account, mailbox, uid);
