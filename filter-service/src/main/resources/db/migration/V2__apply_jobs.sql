-- Apply jobs (a script run over a mailbox's existing messages), shared by every replica: the one
-- that accepted the job runs it and writes its progress and heartbeat here; any replica answers
-- from here. A job whose heartbeat is older than the lease while queued/running lost its worker.
create table apply_job (
  id             text        primary key,
  account        text        not null,
  script_name    text        not null,
  script_version integer     not null,
  mailbox        text        not null,
  state          text        not null check (state in ('queued', 'running', 'done', 'failed')),
  total          integer     not null default -1,
  processed      integer     not null default 0,
  filed          integer     not null default 0,
  kept           integer     not null default 0,
  discarded      integer     not null default 0,
  failed         integer     not null default 0,
  error          text,
  owner_replica  text        not null,
  heartbeat_at   timestamptz not null,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
-- At most one live job per account and mailbox, whichever replica starts it.
create unique index apply_job_one_live on apply_job (account, mailbox)
  where state in ('queued', 'running');
create index apply_job_by_account on apply_job (account, created_at);
