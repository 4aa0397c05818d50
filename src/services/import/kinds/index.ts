/** Every kind of import file and its module. */
import type { ImportKind, ImportKindModule } from '../kind.js';
import { accountsImport } from './accounts.js';
import { houseServicesImport } from './house-services.js';
import { housesImport } from './houses.js';
import { normsImport } from './norms.js';
import { openingBalancesImport } from './opening-balances.js';
import { organisationsImport } from './organisations.js';
import { premisesImport } from './premises.js';
import { tariffsImport } from './tariffs.js';

export const importModules: Readonly<Record<ImportKind, ImportKindModule<unknown>>> = {
  organisations: organisationsImport,
  houses: housesImport,
  premises: premisesImport,
  accounts: accountsImport,
  house_services: houseServicesImport,
  tariffs: tariffsImport,
  norms: normsImport,
  opening_balances: openingBalancesImport,
};
