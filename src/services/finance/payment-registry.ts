/**
 * Reading a payment registry file (RULES.md §9): the parse of the pure core plus the file's fingerprint, a
 * sha256 of its bytes exactly as received (the same file twice has the same fingerprint whatever its name,
 * so part 2 refuses it; one changed byte makes another file). No database here yet.
 */
import { createHash } from 'node:crypto';
import { parseRegistry, type ParsedRegistry } from '../../domain/finance/registry-parse.js';
import type { RegistryFormat } from '../../domain/finance/registry-formats.js';

export type RegistryFileReading = ParsedRegistry & { fingerprint: string; size: number };

/** The sha256 of the bytes, lower-case hex. */
export function registryFingerprint(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readPaymentRegistry(bytes: Uint8Array, format: RegistryFormat): RegistryFileReading {
  return { ...parseRegistry(bytes, format), fingerprint: registryFingerprint(bytes), size: bytes.length };
}
