-- Contact merge: the ids of contacts merged into another one. Runs unchanged on H2 2.3 and
-- PostgreSQL 12+.
--
-- alias_id is the absorbed contact's id, which no longer has a tb_contact row; contact_id is the
-- survivor it stands for. A merge of the survivor in turn re-points its aliases, so an alias
-- always leads to a contact in one step (A into B, then B into C: A and B both lead to C).
create table tb_contact_alias (
  alias_id   varchar(128) primary key,
  contact_id varchar(128) not null,
  merged_at  timestamp with time zone not null
);
-- The aliases of a contact: reads by contact id include what an alias still holds.
create index tb_contact_alias_contact_idx on tb_contact_alias (contact_id);
