// Приборы учёта → Поверка: meters in service whose verification runs out within N days (or has run out),
// for the notices to the owners. N lives in the URL.
import { useSearchParams } from '../app/router';
import { FilterBar, TextFilter } from '../components/filters';
import { PageHeader } from '../components/page';
import { metersApi } from './api';
import './meters.css';
import { MetersTable } from './meters-table';
import { MetersTabs } from './meters-tabs';

export function VerificationDuePage() {
  const [params, update] = useSearchParams();
  const days = Math.max(0, Number(params.get('days') ?? '30') || 0);
  return (
    <>
      <MetersTabs />
      <PageHeader title="Поверка приборов учёта" />
      <FilterBar>
        <TextFilter
          label="Срок поверки истекает в ближайшие, дней"
          type="number"
          value={String(days)}
          onChange={(v) => update({ days: v })}
          width="6rem"
        />
      </FilterBar>
      <MetersTable
        label="Приборы, срок поверки которых истекает"
        testId="verification-due"
        queryKey={['meters', 'due', days]}
        load={(query, signal) => metersApi.list({ ...query, dueWithinDays: days }, signal)}
        showAddress
        defaultSort="nextVerificationOn"
      />
    </>
  );
}
