-- Provider access tokens shared by every engine instance on this database (SharedTokens): one row
-- per token key, e.g. wechat:wx1234. Runs unchanged on H2 2.3 and PostgreSQL 12+.
--
-- An instance that refreshes a token first makes sure the row exists (a racing insert fails on the
-- primary key), then holds it with select ... for update while it asks the provider, so only one
-- instance per key is ever fetching. A row inserted that way has no value until its first fetch
-- commits. The value is kept in clear, like the providers' own SDKs keep it in their caches.
create table tb_provider_token (
  token_key   varchar(200) primary key,
  token_value varchar(2048),
  expires_at  timestamp with time zone,
  fetched_at  timestamp with time zone,
  fetched_by  varchar(128)
);
