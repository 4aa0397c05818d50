// The screens of «Приборы учёта», added to the app's route table.
import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import { Redirect } from '../components/page';
import { EntryGridPage } from './entry-grid-page';
import { MeterCardPage } from './meter-card-page';
import { ReadingsImportPage } from './readings-import-page';
import { VerificationDuePage } from './verification-page';

type Route = {
  path: string;
  permission?: string;
  render: (params: Record<string, string>, me: Me) => ReactNode;
};

export const METER_ROUTES: Route[] = [
  { path: '/meters', permission: 'meters.read', render: () => <Redirect to="/meters/entry" /> },
  { path: '/meters/entry', permission: 'meters.read', render: () => <EntryGridPage /> },
  { path: '/meters/verification', permission: 'meters.read', render: () => <VerificationDuePage /> },
  { path: '/meters/import', permission: 'readings.write', render: () => <ReadingsImportPage /> },
  {
    path: '/meters/:id',
    permission: 'meters.read',
    render: (params) => <MeterCardPage key={params.id} id={Number(params.id)} />,
  },
];
