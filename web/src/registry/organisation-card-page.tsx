// Картотека → карточка организации: its fields and its audit history.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import { formatDateTime } from '../app/format';
import { ORGANISATION_KIND_LABELS } from '../app/labels';
import { Link } from '../app/router';
import { AuditHistory } from '../admin/audit-history';
import { can, useMe } from '../auth/session';
import { ErrorBox } from '../components/error-box';
import { Fields, PageHeader } from '../components/page';
import { organisationPath } from './organisations-page';
import { RegistryTabs } from './registry-tabs';
import { useSettlementCentreNames } from './settlement-centres';

export function OrganisationCardPage({ id }: { id: number }) {
  const me = useMe();
  const organisation = useQuery({
    queryKey: ['organisation', id],
    queryFn: ({ signal }) => api.organisation(id, signal),
  });
  const centreNames = useSettlementCentreNames();
  const org = organisation.data;
  const back = { to: '/registry/organisations', label: 'Организации' };

  if (!org) {
    return (
      <>
        <RegistryTabs />
        <PageHeader title={organisation.isPending ? 'Организация' : 'Организация не найдена'} back={back} />
        <ErrorBox error={organisation.error} />
      </>
    );
  }

  return (
    <>
      <RegistryTabs />
      <PageHeader title={org.name} back={back}>
        {org.kind === 'manager' && can(me, 'registry.read') && (
          <Link to={`/registry/houses?managerId=${org.id}`} className="button">
            Дома в управлении
          </Link>
        )}
        {can(me, 'users.read') && (
          <Link to={`/admin/users?organisationId=${org.id}`} className="button">
            Пользователи организации
          </Link>
        )}
      </PageHeader>
      <section className="card" aria-label="Реквизиты">
        <Fields
          items={[
            ['Наименование', org.name],
            ['Краткое наименование', org.shortName ?? '—'],
            ['Вид', ORGANISATION_KIND_LABELS[org.kind] ?? org.kind],
            ['ИНН', <span className="mono">{org.inn}</span>],
            ['КПП', <span className="mono">{org.kpp ?? '—'}</span>],
            ['ОГРН', <span className="mono">{org.ogrn ?? '—'}</span>],
            [
              'Расчётный центр',
              org.settlementCentreId === null ? (
                '—'
              ) : (
                <Link to={organisationPath(org.settlementCentreId)}>
                  {centreNames.get(org.settlementCentreId) ?? `№ ${org.settlementCentreId}`}
                </Link>
              ),
            ],
            ['Зарегистрирована', formatDateTime(org.createdAt)],
            ['Код в системе', org.id],
          ]}
        />
      </section>
      {can(me, 'audit.read') && (
        <section aria-labelledby="org-history">
          <h2 id="org-history">История изменений</h2>
          <AuditHistory objectType="organisation" objectId={org.id} />
        </section>
      )}
    </>
  );
}
