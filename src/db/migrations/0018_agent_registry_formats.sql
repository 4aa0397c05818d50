-- A payment agent's own registry format (issue 7 "Registry files"; docs/finance.md "Payment registry files"):
-- per settlement centre and agent, the built-in format it starts from and the agent's differences (encoding,
-- separator, header lines, column map, tags, date and period formats). A file that names no format is read with
-- it. Changed in place, each change audited with before and after.
create table agent_registry_formats (
  settlement_centre_id bigint not null references organisations (id),
  agent_id bigint not null references organisations (id),
  base_format text not null,
  overrides jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  updated_at timestamptz,
  updated_by bigint references users (id),
  primary key (settlement_centre_id, agent_id)
);
