// Russian labels for the codes the API returns.
import type {
  AccountStatus,
  AuditAction,
  COMMON_METER_RESOURCES,
  HOUSE_COLD_WATER,
  HOUSE_HEATING,
  HOUSE_HOT_WATER,
  House,
  Norm,
  OrganisationKind,
  PremiseKind,
  ServiceMethod,
  TariffZone,
} from '../api/types';

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
  house: 'Дом',
  house_manager: 'Управление домом',
  district: 'Участок',
  premise: 'Помещение',
  premise_area: 'Площадь помещения',
  account: 'Лицевой счёт',
  house_service: 'Услуга дома',
  service: 'Услуга',
  tariff: 'Тариф',
  norm: 'Норматив',
  legal_parameter: 'Нормативный параметр',
};

export const SEARCH_KIND_LABELS: Record<string, string> = {
  user: 'Пользователь',
  organisation: 'Организация',
  house: 'Дом',
  account: 'Лицевой счёт',
};

export const HOUSE_KIND_LABELS: Record<House['kind'], string> = {
  apartment_building: 'Многоквартирный дом',
  private_house: 'Частный дом',
};

export const COLD_WATER_LABELS: Record<(typeof HOUSE_COLD_WATER)[number], string> = {
  central: 'Централизованное',
  well: 'Скважина или колодец',
  none: 'Нет',
};

export const HOT_WATER_LABELS: Record<(typeof HOUSE_HOT_WATER)[number], string> = {
  central: 'Централизованное (закрытая система)',
  open_system: 'Открытая система (водоразбор из сети отопления)',
  local_heater: 'Местный водонагреватель',
  none: 'Нет',
};

export const HEATING_LABELS: Record<(typeof HOUSE_HEATING)[number], string> = {
  central: 'Централизованное',
  individual: 'Индивидуальное',
  none: 'Нет',
};

export const COMMON_METER_LABELS: Record<(typeof COMMON_METER_RESOURCES)[number], string> = {
  cold_water: 'Холодная вода',
  hot_water: 'Горячая вода',
  heating: 'Тепловая энергия',
  electricity: 'Электроэнергия',
  gas: 'Газ',
};

export const PREMISE_KIND_LABELS: Record<PremiseKind, string> = {
  flat: 'Квартира',
  room: 'Комната',
  non_residential: 'Нежилое',
};

export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  open: 'Открыт',
  closed: 'Закрыт',
};

export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  by_meter: 'По прибору учёта',
  by_norm: 'По нормативу',
  by_area: 'По площади',
  fixed: 'Фиксированная сумма',
  per_person: 'По числу проживающих',
  heating_by_norm: 'Отопление по нормативу',
  heating_by_common_meter: 'Отопление по общедомовому прибору',
  common_needs_by_norm: 'ОДН по нормативу',
  common_needs_by_common_meter: 'ОДН по общедомовому прибору',
};

export const TARIFF_ZONE_LABELS: Record<TariffZone, string> = {
  single: 'Одноставочный',
  day: 'День',
  night: 'Ночь',
  peak: 'Пик',
  semi_peak: 'Полупик',
};

export const NORM_BASIS_LABELS: Record<Norm['basis'], string> = {
  per_person: 'на человека',
  per_m2: 'на м²',
};

export const NORM_PER_LABELS: Record<Norm['per'], string> = {
  month: 'в месяц',
  heating_season: 'в месяц отопительного периода',
};

export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}
