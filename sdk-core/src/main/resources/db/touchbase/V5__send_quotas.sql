-- Send quotas (WeChat subscribe messages: one accepted one-time subscription allows one send of
-- that template). Runs unchanged on H2 2.3 and PostgreSQL 12+.
--
-- Kept per address rather than per contact: a user may accept the popup before the host upserts
-- the contact. remaining is never below 0; no row means 0.
create table tb_send_quota (
  address_kind  varchar(64)  not null,
  address_scope varchar(128) not null,
  address       varchar(256) not null,
  quota_key     varchar(128) not null,
  remaining     int not null,
  updated_at    timestamp with time zone not null,
  primary key (address_kind, address_scope, address, quota_key)
);

-- Every change counted, by the provider's event id ("msg:" + message id for a send): the primary
-- key makes a pushed-again event, or the report of a send the engine already counted, count once.
create table tb_send_quota_event (
  address_kind  varchar(64)  not null,
  address_scope varchar(128) not null,
  address       varchar(256) not null,
  quota_key     varchar(128) not null,
  event_id      varchar(320) not null,
  change        varchar(16)  not null,
  occurred_at   timestamp with time zone not null,
  recorded_at   timestamp with time zone not null,
  primary key (address_kind, address_scope, address, quota_key, event_id)
);
