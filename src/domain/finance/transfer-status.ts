/**
 * What has been transferred to a supplier for one day of collection, against what was due (ПП № 253 п.6;
 * docs/finance.md "Recorded transfers"). Pure: the recorded transfers (a reversed one no longer counts) are
 * summed in the order they were made; the day is transferred on the day the sum first reached the amount to
 * transfer, and its state is `transferState` of that day against the due date (late by N calendar days).
 */
import type { Kopecks } from '../money.js';
import { compareDates, type IsoDate } from '../period.js';
import { transferState, type TransferState } from './remittance-register.js';

export type RecordedTransfer = {
  id: number;
  amountKop: number;
  transferredOn: IsoDate;
  /** True when a later row reverses it: it no longer counts. */
  reversed: boolean;
};

export type DayTransferStatus = {
  transferredKop: number;
  /** Still to transfer (0 when the day is covered; never negative). */
  remainingKop: number;
  /** The day the transfers first covered the amount; null while they do not. */
  transferredOn: IsoDate | null;
} & (TransferState | { state: 'nothing'; daysLate: null });

/**
 * `toTransfer` ≤ 0 (nothing collected, or reversals outweigh) → `nothing`; otherwise pending / overdue while
 * the transfers fall short, on time / late by N days from the day they covered it.
 */
export function dayTransferStatus(
  toTransfer: Kopecks,
  transfers: readonly RecordedTransfer[],
  due: IsoDate,
  today: IsoDate,
): DayTransferStatus {
  const active = transfers
    .filter((t) => !t.reversed)
    .sort((a, b) => compareDates(a.transferredOn, b.transferredOn) || a.id - b.id);
  let sum = 0;
  let coveredOn: IsoDate | null = null;
  for (const t of active) {
    sum += t.amountKop;
    if (coveredOn === null && toTransfer > 0 && sum >= toTransfer) coveredOn = t.transferredOn;
  }
  const remainingKop = Math.max(0, toTransfer - sum);
  if (toTransfer <= 0)
    return { transferredKop: sum, remainingKop: 0, transferredOn: null, state: 'nothing', daysLate: null };
  return {
    transferredKop: sum,
    remainingKop,
    transferredOn: coveredOn,
    ...transferState(due, coveredOn, today),
  };
}
