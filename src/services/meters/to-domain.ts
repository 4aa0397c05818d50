/** Stored meters and readings as the pure core's plain inputs (domain/meters). */
import type { Meter } from '../../db/meters/meters.js';
import type { Reading } from '../../db/meters/readings.js';
import type { BillingMeter, BillingReading } from '../../domain/meters/consumption.js';
import { Decimal } from '../../domain/decimal.js';
import { verificationFailsOn, zonesOf, type MeterZone, type Suspension } from '../../domain/meters/meter.js';
import type { MeterForCheck, ZoneValues } from '../../domain/meters/readings.js';
import type { BillingPeriod } from '../../domain/period.js';

export function toZoneValues(values: Partial<Record<MeterZone, string>>): ZoneValues {
  const result: ZoneValues = {};
  for (const [zone, v] of Object.entries(values) as [MeterZone, string][]) result[zone] = Decimal.parse(v);
  return result;
}

export function toBillingReading(r: Reading): BillingReading {
  return {
    id: r.id,
    readOn: r.readOn,
    period: r.period as BillingPeriod,
    kind: r.kind,
    values: toZoneValues(r.values),
  };
}

export function toMeterForCheck(m: Meter, suspensions: readonly Suspension[]): MeterForCheck {
  return {
    digits: m.digits,
    decimals: m.decimals,
    zones: zonesOf(m.zoneCount),
    commissionedOn: m.commissionedOn,
    decommissionedOn: m.decommissionedOn,
    verificationFailsOn: verificationFailsOn(m.nextVerificationOn, suspensions),
  };
}

/** A meter with its accepted readings (the others are stored, never billed). */
export function toBillingMeter(
  m: Meter,
  readings: readonly Reading[],
  suspensions: readonly Suspension[],
): BillingMeter {
  return {
    id: m.id,
    zones: zonesOf(m.zoneCount),
    digits: m.digits,
    commissionedOn: m.commissionedOn,
    decommissionedOn: m.decommissionedOn,
    decommissionReason: m.decommissionReason,
    verificationFailsOn: verificationFailsOn(m.nextVerificationOn, suspensions),
    readings: readings.filter((r) => r.meterId === m.id && r.state === 'accepted').map(toBillingReading),
  };
}
