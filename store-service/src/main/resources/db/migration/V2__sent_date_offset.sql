-- SENTON/SENTBEFORE/SENTSINCE compare the Date: header's own calendar day (RFC 3501 6.4.4:
-- "disregarding time and timezone"), so the header's UTC offset is kept next to the instant.
-- Rows from before this migration keep 0 (UTC): the offset was not stored.
alter table content add column sent_date_offset integer not null default 0;
