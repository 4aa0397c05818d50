/**
 * A payment agent's own registry format (issue 7: "pluggable formats with a configuration per agent";
 * docs/finance.md "Payment registry files"): the settlement centre stores, per agent, the built-in format its
 * files start from and their differences; the registry import reads a file that names no format with it.
 */
import type { Queryable } from '../../db/client.js';
import * as db from '../../db/finance/agent-formats.js';
import { validationFailed } from '../../domain/errors.js';
import {
  agentRegistryFormat,
  registryFormat,
  type AgentFormatOverrides,
  type RegistryFormat,
} from '../../domain/finance/registry-formats.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { centreOf, requireAgent } from './payments.js';

export type AgentFormat = {
  agentId: number;
  base: string;
  overrides: AgentFormatOverrides;
  /** The format a file of the agent is read with: the base with the overrides. */
  format: RegistryFormat;
};

const toAgentFormat = (row: db.AgentFormatRow): AgentFormat => {
  const overrides = row.overrides as AgentFormatOverrides;
  const r = agentRegistryFormat(row.baseFormat, overrides);
  // stored only after the same check; a built-in format changed since would show here
  if (!r.format) throw validationFailed(r.problems.map((p) => ({ ...p, field: `agentFormat.${p.field}` })));
  return { agentId: row.agentId, base: row.baseFormat, overrides, format: r.format };
};

export async function getAgentFormat(ctx: Ctx, agentId: number): Promise<AgentFormat | null> {
  requirePermission(ctx.actor, 'payments.read');
  const centre = await centreOf(ctx);
  await requireAgent(ctx.db, agentId, 'agentId');
  const row = await db.selectAgentFormat(ctx.db, centre, agentId);
  return row ? toAgentFormat(row) : null;
}

export async function setAgentFormat(
  ctx: Ctx,
  agentId: number,
  input: { base: string; overrides: AgentFormatOverrides },
): Promise<AgentFormat> {
  requirePermission(ctx.actor, 'payments.write');
  const centre = await centreOf(ctx);
  await requireAgent(ctx.db, agentId, 'agentId');
  const checked = agentRegistryFormat(input.base, input.overrides);
  if (!checked.format)
    throw validationFailed(
      checked.problems.map((p) => ({
        field: p.field === 'base' ? 'base' : `overrides.${p.field}`,
        problem: p.problem,
      })),
    );
  return ctx.db.transaction(async (tx) => {
    const before = await db.selectAgentFormat(tx, centre, agentId);
    await db.upsertAgentFormat(
      tx,
      { centreId: centre, agentId, baseFormat: input.base, overrides: input.overrides },
      ctx.clock.now(),
      ctx.actor.userId,
    );
    await recordAudit(tx, ctx, {
      action: before ? 'update' : 'create',
      objectType: 'agent_registry_format',
      objectId: agentId,
      organisationId: centre,
      before: before ? { base: before.baseFormat, overrides: before.overrides } : null,
      after: { base: input.base, overrides: input.overrides },
    });
    return { agentId, base: input.base, overrides: input.overrides, format: checked.format };
  });
}

/**
 * The format a registry file is read with: the one the import names (a built-in format), else the agent's own,
 * else the documented default.
 */
export async function importFormat(
  q: Queryable,
  centre: number,
  agentId: number,
  named: string | null | undefined,
): Promise<RegistryFormat> {
  if (named) {
    const builtIn = registryFormat(named);
    if (!builtIn) throw validationFailed([{ field: 'format', problem: `нет формата реестра ${named}` }]);
    return builtIn;
  }
  const row = await db.selectAgentFormat(q, centre, agentId);
  return row ? toAgentFormat(row).format : registryFormat('zhkh-default')!;
}
