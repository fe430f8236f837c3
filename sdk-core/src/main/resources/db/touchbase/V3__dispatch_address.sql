-- The address a dispatch went to, so that an interrupted send can be looked up at the provider
-- by number and date (Aliyun QuerySendDetails) even if the contact's address changed since.
alter table tb_dispatch add column to_kind varchar(64);
alter table tb_dispatch add column to_value varchar(320);
alter table tb_dispatch add column to_scope varchar(128);
