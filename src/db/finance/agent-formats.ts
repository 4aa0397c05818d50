/** A payment agent's own registry format (migration 0018). */
import type { Queryable } from '../client.js';

export type AgentFormatRow = {
  agentId: number;
  baseFormat: string;
  overrides: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date | null;
};

export async function selectAgentFormat(
  q: Queryable,
  centreId: number,
  agentId: number,
): Promise<AgentFormatRow | null> {
  const row = await q.maybeOne<AgentFormatRow>(
    `select agent_id as "agentId", base_format as "baseFormat", overrides, created_at as "createdAt",
            updated_at as "updatedAt"
       from agent_registry_formats where settlement_centre_id = $1 and agent_id = $2`,
    [centreId, agentId],
  );
  return row ?? null;
}

export async function upsertAgentFormat(
  q: Queryable,
  row: { centreId: number; agentId: number; baseFormat: string; overrides: unknown },
  at: Date,
  userId: number | null,
): Promise<void> {
  await q.query(
    `insert into agent_registry_formats (settlement_centre_id, agent_id, base_format, overrides, created_at, created_by)
     values ($1, $2, $3, $4::jsonb, $5, $6)
     on conflict (settlement_centre_id, agent_id) do update
        set base_format = excluded.base_format, overrides = excluded.overrides, updated_at = $5, updated_by = $6`,
    [row.centreId, row.agentId, row.baseFormat, JSON.stringify(row.overrides), at, userId],
  );
}
