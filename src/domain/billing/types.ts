/**
 * The billing core's plain inputs and outputs: one house × one billing period → charge lines
 * (docs/billing.md). The other modules hand their results in as data: the meters module the volume of
 * each account and service with its reason and reading ids, the residents module the residents count per
 * day range, the registry the tariff, norm, area and legal parameter versions with their ids. Nothing here
 * reads a database, a clock or the environment.
 */
import type { Decimal } from '../decimal.js';
import type { Kopecks } from '../money.js';
import type { BillingPeriod, IsoDate } from '../period.js';

/** The calculation method of a house service (the registry's list, src/db/registry/services.ts). */
export type CalculationMethod =
  | 'by_meter'
  | 'by_norm'
  | 'by_area'
  | 'fixed'
  | 'per_person'
  | 'heating_by_norm'
  | 'heating_by_common_meter'
  | 'common_needs_by_norm'
  | 'common_needs_by_common_meter';

export type ServiceResource =
  'cold_water' | 'hot_water' | 'heating' | 'electricity' | 'gas' | 'wastewater' | 'waste';

export type TariffZone = 'single' | 'day' | 'night' | 'peak' | 'semi_peak';

/** Dates of validity, both included; null = open end (the registry's convention, effective.ts). */
export type Dated = { validFrom: IsoDate; validTo: IsoDate | null };

/** A service of the catalogue. */
export type ServiceInfo = {
  id: number;
  code: string;
  /** Russian name, for the explanation. */
  name: string;
  /** Unit of the volume: 'м³', 'кВт·ч', 'Гкал', 'м²', 'чел.', 'мес.'. */
  unit: string;
  resource: ServiceResource | null;
};

/** Which supplier provides a service to the house under which method, over time. */
export type HouseServiceVersion = Dated & {
  id: number;
  serviceId: number;
  supplierId: number;
  method: CalculationMethod;
};

/** A tariff version (already chosen for this house by the registry's precedence rules). */
export type TariffVersion = Dated & {
  id: number;
  serviceId: number;
  supplierId: number;
  zone: TariffZone;
  rate: Decimal;
};

/** A consumption norm version; `category` null = the default for premises of any category. */
export type NormVersion = Dated & {
  id: number;
  serviceId: number;
  category: string | null;
  /** Per person per month (water, power, gas), per m² per month (heating), per m² of common area (СОИ). */
  value: Decimal;
};

/** A legal parameter version as stored (legal_parameters): the value as text, the row id as its source. */
export type LegalParameterValue = Dated & { id: number; code: string; value: string };

/** A value over a day range, e.g. the residents count from the residents module. */
export type DayRangeCount = { from: IsoDate; to: IsoDate; count: number; source: string };

/** The area of the account's premise (or of the account's rooms in a shared flat) over time. */
export type AreaVersion = Dated & { id: number; area: Decimal };

/** One zone's volume of a metered account and its evidence. */
export type ZoneVolume = { zone: TariffZone; volume: Decimal; readingIds: readonly number[] };

/**
 * The volume basis of an account's service in the period, from the meters module:
 * - `readings`: by the individual meter (RULES.md §1.1, §10.2); a late reading's reconciliation is
 *   `readings` with `reconciliation` set (the volume already net of the averages billed, RULES.md §1.4);
 * - `average`: п.59 — `case` is the subparagraph, `periodInRow` counts this period (1 = the first month);
 *   past the legal limit the core switches to the norm (п.60, RULES-ADDENDUM §1);
 * - `no_meter`: no individual meter; `meterInstallable` decides the increasing coefficient (RULES.md §1.2);
 * - `flat_meter`: the account's part of a shared flat's meter is in `HouseInput.flatMeters`;
 * - `water_sum`: wastewater charged by meter — the sum of the account's cold and hot water volumes, each part
 *   with the water service's own basis (readings, average or norm, RULES.md §1.2 "sewage by the same
 *   principle", §4.3 example: sewage volume = cold + hot).
 */
export type VolumeBasis =
  | {
      kind: 'readings';
      serviceId: number;
      zones: readonly ZoneVolume[];
      meterIds: readonly number[];
      reconciliation?: { averageBilled: Decimal; periods: readonly BillingPeriod[] };
      /** Where the volume is not the account's own meter's: e.g. its share of a shared flat's meter (a wastewater part). */
      note?: string;
    }
  | {
      kind: 'average';
      serviceId: number;
      case: 'failed' | 'not_submitted' | 'access_refused';
      periodInRow: number;
      zones: readonly ZoneVolume[];
      meterIds: readonly number[];
      /** How the average was taken, e.g. '6 мес. 2025-09…2026-02'. */
      basis: string;
    }
  | { kind: 'no_meter'; serviceId: number; meterInstallable: boolean }
  | { kind: 'flat_meter'; serviceId: number }
  | { kind: 'water_sum'; serviceId: number; parts: readonly WaterPart[] };

/** One water service's volume inside wastewater's `water_sum`: the basis carries the water service's id. */
export type WaterPart = Exclude<VolumeBasis, { kind: 'water_sum' } | { kind: 'flat_meter' }>;

/** A temporary absence (RULES.md §4): departure and arrival days, and how many of the residents left. */
export type Absence = { id: number; persons: number; departure: IsoDate; arrival: IsoDate };

export type AccountInput = {
  id: number;
  /** Account number for the operator. */
  number: string;
  residential: boolean;
  /** The days the account is open; null = open before / after the period. */
  openFrom: IsoDate | null;
  closedOn: IsoDate | null;
  entrance: string | null;
  /** The norm category of the premise (its equipment), null = the default norms. */
  normCategory: string | null;
  areas: readonly AreaVersion[];
  residents: readonly DayRangeCount[];
  volumes: readonly VolumeBasis[];
  absences: readonly Absence[];
};

/** A shared flat's meter (RULES.md §1.1 "общий квартирный ПУ"): its volume split over the flat's accounts. */
export type FlatMeter = {
  id: number;
  serviceId: number;
  zones: readonly ZoneVolume[];
  /** What the weights are: residents, area or agreed shares. */
  weightBasis: 'residents' | 'area' | 'shares';
  accounts: readonly { accountId: number; weight: Decimal }[];
};

/** The common-house meter (ОДПУ) of a resource in the period. */
export type CommonMeterVolume = {
  serviceId: number;
  volume: Decimal;
  /** Σ of the individual volumes of all premises (by meters or norms) for the same resource (RULES.md §2.2). */
  individualVolume: Decimal;
  readingIds: readonly number[];
};

/** Heating payment schedule: a regional decision (ПП № 857), per territory (RULES.md §3.1). */
export type HeatingSettings = {
  schedule: 'heating_season' | 'twelve_months';
  /** True when this period is in the heating season (only read for 'heating_season'). */
  inSeason: boolean;
  /** Formula 3, heating season: the ОДПУ volume of this month. */
  commonMeter?: { volume: Decimal; readingIds: readonly number[] };
  /**
   * Formula 3, twelve months: last year's average monthly ОДПУ volume — given as the average (`volume`), or
   * as the year's total and its months (`yearVolume` / `months`, kept as an exact fraction).
   */
  previousYearAverage?:
    { volume: Decimal; source: string } | { yearVolume: Decimal; months: number; source: string };
  /** The annual correction posted in this period (RULES.md §3.2). */
  annualCorrection?: {
    year: number;
    actualVolume: Decimal;
    readingIds: readonly number[];
    /** What each account was charged for heating during the year, from the issued lines. */
    charged: readonly { accountId: number; amount: Kopecks }[];
  };
};

/**
 * An undersupply record (RULES.md §5): an interruption, or a deviation of a measured parameter, of one
 * service for the house, an entrance or some accounts. Times are local 'YYYY-MM-DDTHH:MM'.
 */
export type Undersupply = {
  id: number;
  serviceId: number;
  scope:
    | { kind: 'house' }
    | { kind: 'entrance'; entrance: string }
    | { kind: 'accounts'; accountIds: readonly number[] };
  start: string;
  end: string;
  detail:
    | { kind: 'interruption'; roomTemperature?: number; powerSources?: 1 | 2; deadEndAccident?: boolean }
    | { kind: 'hot_water_temperature'; measured: number; night: boolean }
    | { kind: 'room_temperature'; measured: number; norm: number; night: boolean };
};

export type HouseInput = {
  period: BillingPeriod;
  house: { id: number; totalArea: Decimal; commonArea: Decimal };
  services: readonly ServiceInfo[];
  houseServices: readonly HouseServiceVersion[];
  tariffs: readonly TariffVersion[];
  norms: readonly NormVersion[];
  legal: readonly LegalParameterValue[];
  accounts: readonly AccountInput[];
  flatMeters: readonly FlatMeter[];
  commonMeters: readonly CommonMeterVolume[];
  heating: HeatingSettings;
  undersupplies: readonly Undersupply[];
};

// ── Output ───────────────────────────────────────────────────────────────────────────────

/** What a line is: a charge, the recalculation for an absence, a reduction for quality, a correction. */
export type LineKind = 'charge' | 'absence' | 'reduction' | 'heating_correction';

/** How the line's volume was determined. */
export type LineMethod =
  | CalculationMethod
  | 'by_average'
  | 'by_norm_after_average'
  | 'by_flat_meter'
  | 'by_water_volumes'
  | 'heating_correction'
  | 'temporary_absence'
  | 'quality_reduction';

/** One input of an amount, with where it came from ('tariff #12', 'reading #77', 'legal_parameter #5'). */
export type ExplanationInput = { name: string; value: string; source: string };

export type Explanation = {
  /** The formula in words, Russian, for the operator. */
  formula: string;
  /** RULES sections that the line implements, e.g. 'RULES.md §1.2'. */
  rules: readonly string[];
  inputs: readonly ExplanationInput[];
  /** The day ranges inside the line, when the period was split (pro rata by days). */
  pieces: readonly { from: IsoDate; to: IsoDate; days: number; note: string }[];
};

export type ChargeLine = {
  accountId: number;
  period: BillingPeriod;
  serviceId: number;
  supplierId: number;
  kind: LineKind;
  method: LineMethod;
  /** The volume shown (rounded to 6 decimals for display; the amount uses the exact value). */
  volume: Decimal | null;
  unit: string;
  tariffId: number | null;
  zone: TariffZone | null;
  tariff: Decimal | null;
  amount: Kopecks;
  explanation: Explanation;
};
