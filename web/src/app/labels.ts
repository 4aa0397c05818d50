// Russian labels for the codes the API returns.
import type { AuditAction, OrganisationKind } from '../api/types';

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  settlement_centre: 'Расчётный центр',
  manager: 'Управляющая организация',
  supplier: 'Поставщик услуг',
  contractor: 'Подрядчик',
  payment_agent: 'Платёжный агент',
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Создание',
  update: 'Изменение',
  delete: 'Удаление',
  read: 'Просмотр',
  login: 'Вход',
  logout: 'Выход',
  import: 'Импорт',
  run: 'Запуск',
};

/** Object types the audit log is known to hold; the filter also accepts any other text. */
export const AUDIT_OBJECT_TYPE_LABELS: Record<string, string> = {
  user: 'Пользователь',
  organisation: 'Организация',
  api_token: 'API-ключ',
};

export const SEARCH_KIND_LABELS: Record<string, string> = {
  user: 'Пользователь',
  organisation: 'Организация',
};

export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}
