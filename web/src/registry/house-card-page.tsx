// Картотека → карточка дома: Сведения, Помещения, Услуги (on a date), Управление (managers over time and
// the hand-over form), История. The open tab and the services date live in the URL.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import type { HouseCard, HouseManager, HouseService, HouseTariffs, Premise, Tariff } from '../api/types';
import { formatArea, formatDateTime, formatDay, formatDecimal, todayIso } from '../app/format';
import {
  COLD_WATER_LABELS,
  COMMON_METER_LABELS,
  HEATING_LABELS,
  HOT_WATER_LABELS,
  HOUSE_KIND_LABELS,
  PREMISE_KIND_LABELS,
  SERVICE_METHOD_LABELS,
  TARIFF_ZONE_LABELS,
  labelOf,
} from '../app/labels';
import { Link, navigate, useSearchParams } from '../app/router';
import { AuditHistory } from '../admin/audit-history';
import { HouseCharges } from '../billing/house-charges';
import { can, useMe } from '../auth/session';
import { CardTabs, useCardTab, type CardTab } from '../components/card-tabs';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { FilterBar, TextFilter } from '../components/filters';
import { Field, TextField, fieldErrors } from '../components/form';
import { Fields, PageHeader } from '../components/page';
import { Timeline } from '../components/timeline';
import { accountsOfHousePath, accountsOfPremisePath } from './accounts-page';
import { organisationPath } from './organisations-page';
import { useDistricts, useManagers, useServices } from './reference-data';
import { RegistryTabs } from './registry-tabs';
import { HouseMetersTab } from '../meters/meters-table';

export function HouseCardPage({ id }: { id: number }) {
  const me = useMe();
  const house = useQuery({
    queryKey: ['house', id],
    queryFn: ({ signal }) => api.house(id, signal),
  });
  const tabs: CardTab[] = [
    { id: 'info', label: 'Сведения' },
    { id: 'premises', label: 'Помещения' },
    { id: 'services', label: 'Услуги' },
    { id: 'management', label: 'Управление' },
    { id: 'meters', label: 'Приборы учёта', visible: can(me, 'meters.read') },
    { id: 'charges', label: 'Начисления', visible: can(me, 'charges.read') },
    { id: 'history', label: 'История', visible: can(me, 'audit.read') },
  ];
  const [tab, setTab] = useCardTab(tabs);
  const back = { to: '/registry/houses', label: 'Дома' };
  const data = house.data;

  if (!data) {
    return (
      <>
        <RegistryTabs />
        <PageHeader title={house.isPending ? 'Дом' : 'Дом не найден'} back={back} />
        <ErrorBox error={house.error} />
      </>
    );
  }

  return (
    <>
      <RegistryTabs />
      <PageHeader title={data.address} back={back}>
        <Link to={accountsOfHousePath(data.id)} className="button">
          Лицевые счета дома ({data.accountsCount})
        </Link>
      </PageHeader>
      <CardTabs label="Разделы карточки дома" tabs={tabs} active={tab} onChange={setTab}>
        {tab === 'info' && <HouseInfo house={data} />}
        {tab === 'premises' && <HousePremises houseId={data.id} />}
        {tab === 'services' && <HouseServices houseId={data.id} />}
        {tab === 'management' && <HouseManagement house={data} writable={can(me, 'registry.write')} />}
        {tab === 'meters' && <HouseMetersTab houseId={data.id} />}
        {tab === 'charges' && <HouseCharges houseId={data.id} />}
        {tab === 'history' && <AuditHistory objectType="house" objectId={data.id} />}
      </CardTabs>
    </>
  );
}

const yesNo = (value: boolean) => (value ? 'есть' : 'нет');

function HouseInfo({ house }: { house: HouseCard }) {
  const districts = useDistricts();
  return (
    <div className="columns">
      <div className="column">
        <section className="card" aria-labelledby="house-passport">
          <h2 id="house-passport">Адрес и паспорт</h2>
          <Fields
            items={[
              ['Адрес', house.address],
              ['Регион', house.region],
              ['Почтовый индекс', <span className="mono">{house.postalCode ?? '—'}</span>],
              ['Код ФИАС', <span className="mono">{house.fiasId ?? '—'}</span>],
              ['Вид', labelOf(HOUSE_KIND_LABELS, house.kind)],
              [
                'Участок',
                house.districtId === null
                  ? '—'
                  : (districts.names.get(house.districtId) ?? `№ ${house.districtId}`),
              ],
              [
                'Управляющая организация',
                house.manager ? (
                  <Link to={organisationPath(house.manager.id)}>{house.manager.name}</Link>
                ) : (
                  'нет'
                ),
              ],
              ['Год постройки', house.yearBuilt ?? '—'],
              ['Этажей', house.floors ?? '—'],
              ['Подъездов', house.entrances ?? '—'],
              ['Лицевых счетов', house.accountsCount],
              ['Внешний код', <span className="mono">{house.externalId ?? '—'}</span>],
              ['Зарегистрирован', formatDateTime(house.createdAt)],
              ['Код в системе', house.id],
            ]}
          />
        </section>
      </div>
      <div className="column">
        <section className="card" aria-labelledby="house-areas">
          <h2 id="house-areas">Площади</h2>
          <Fields
            items={[
              ['Общая', formatArea(house.totalArea)],
              ['Жилых помещений', formatArea(house.residentialArea)],
              ['Нежилых помещений', formatArea(house.nonResidentialArea)],
              ['Мест общего пользования', formatArea(house.commonArea)],
            ]}
          />
        </section>
        <section className="card" aria-labelledby="house-equipment">
          <h2 id="house-equipment">Благоустройство</h2>
          <Fields
            items={[
              ['Холодное водоснабжение', labelOf(COLD_WATER_LABELS, house.coldWater)],
              ['Горячее водоснабжение', labelOf(HOT_WATER_LABELS, house.hotWater)],
              ['Отопление', labelOf(HEATING_LABELS, house.heating)],
              ['Газ', yesNo(house.hasGas)],
              ['Электроплиты', yesNo(house.hasElectricStoves)],
              ['Лифт', yesNo(house.hasLift)],
            ]}
          />
        </section>
        <section className="card" aria-labelledby="house-meters">
          <h2 id="house-meters">Общедомовые приборы учёта</h2>
          {house.commonMeters.length === 0 ? (
            <p className="muted">Нет</p>
          ) : (
            <ul className="link-list" data-testid="common-meters">
              {house.commonMeters.map((resource) => (
                <li key={resource}>{labelOf(COMMON_METER_LABELS, resource)}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

function HousePremises({ houseId }: { houseId: number }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(100);
  const [sort, setSort] = useState('number');
  const query = { page, pageSize, sort };
  const premises = useQuery({
    queryKey: ['premises', houseId, query],
    queryFn: ({ signal }) => api.housePremises(houseId, query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: Column<Premise>[] = [
    { key: 'number', header: 'Помещение', sortField: 'number', width: '8rem', render: (p) => p.label },
    {
      key: 'kind',
      header: 'Вид',
      sortField: 'kind',
      width: '11rem',
      render: (p) => `${labelOf(PREMISE_KIND_LABELS, p.kind)}${p.isSharedFlat ? ' (коммунальная)' : ''}`,
    },
    {
      key: 'entrance',
      header: 'Подъезд',
      sortField: 'entrance',
      width: '5.5rem',
      align: 'right',
      render: (p) => p.entrance ?? '—',
    },
    {
      key: 'floor',
      header: 'Этаж',
      sortField: 'floor',
      width: '4.5rem',
      align: 'right',
      render: (p) => p.floor ?? '—',
    },
    { key: 'rooms', header: 'Комнат', width: '4.5rem', align: 'right', render: (p) => p.rooms ?? '—' },
    {
      key: 'totalArea',
      header: 'Общая площадь',
      sortField: 'totalArea',
      width: '8.5rem',
      align: 'right',
      render: (p) => formatArea(p.totalArea),
    },
    {
      key: 'livingArea',
      header: 'Жилая площадь',
      width: '8.5rem',
      align: 'right',
      render: (p) => formatArea(p.livingArea),
    },
    {
      key: 'accounts',
      header: 'Открытых счетов',
      width: '8rem',
      align: 'right',
      render: (p) =>
        p.accountsCount === 0 ? (
          <span className="muted">0</span>
        ) : (
          <Link to={accountsOfPremisePath(houseId, p.id)} tabIndex={-1}>
            {p.accountsCount}
          </Link>
        ),
    },
  ];
  return (
    <>
      <ErrorBox error={premises.error} />
      <DataTable
        label="Помещения"
        testId="premises-table"
        columns={columns}
        rows={premises.data?.items ?? []}
        rowKey={(p) => p.id}
        sort={sort}
        onSortChange={(next) => {
          setSort(next);
          setPage(1);
        }}
        onOpen={(p) => navigate(accountsOfPremisePath(houseId, p.id))}
        isLoading={premises.isPending}
        isFetching={premises.isFetching}
        emptyText="Помещений нет"
        paging={{
          page,
          pageSize,
          total: premises.data?.total ?? 0,
          onPageChange: setPage,
          onPageSizeChange: (size) => {
            setPageSize(size);
            setPage(1);
          },
        }}
      />
    </>
  );
}

function HouseServices({ houseId }: { houseId: number }) {
  const [params, update] = useSearchParams();
  const onDate = params.get('onDate') || todayIso();
  const services = useQuery({
    queryKey: ['house-services', houseId, onDate],
    queryFn: ({ signal }) => api.houseServices(houseId, onDate, signal),
    placeholderData: keepPreviousData,
  });
  const tariffs = useQuery({
    queryKey: ['house-tariffs', houseId, onDate],
    queryFn: ({ signal }) => api.houseTariffs(houseId, onDate, signal),
    placeholderData: keepPreviousData,
  });
  const catalogue = useServices();
  const tariffsOf = (s: HouseService) =>
    tariffs.data?.items.find((t) => t.serviceId === s.serviceId && t.supplierId === s.supplierId);
  const columns: Column<HouseService>[] = [
    { key: 'service', header: 'Услуга', className: 'wrap', render: (s) => s.serviceName },
    {
      key: 'supplier',
      header: 'Поставщик',
      className: 'wrap',
      render: (s) => (
        <Link to={organisationPath(s.supplierId)} tabIndex={-1}>
          {s.supplierName}
        </Link>
      ),
    },
    {
      key: 'method',
      header: 'Способ расчёта',
      render: (s) => labelOf(SERVICE_METHOD_LABELS, s.method),
    },
    {
      key: 'tariff',
      header: 'Тариф на дату',
      className: 'wrap',
      render: (s) => {
        const found = tariffsOf(s);
        if (!found) return tariffs.isError ? '—' : '';
        if (found.tariffs.length === 0) return <span className="muted">не установлен</span>;
        const unit = catalogue.byId.get(s.serviceId)?.unit;
        return (
          <span title={found.level ? TARIFF_LEVEL_TITLES[found.level] : undefined}>
            {found.tariffs.map((t) => zoneRate(t, unit)).join('; ')}
          </span>
        );
      },
    },
    { key: 'from', header: 'Действует с', width: '7rem', render: (s) => formatDay(s.validFrom) },
    {
      key: 'to',
      header: 'по',
      width: '7rem',
      render: (s) => (s.validTo ? formatDay(s.validTo) : 'бессрочно'),
    },
  ];
  return (
    <>
      <FilterBar>
        <TextFilter
          label="Услуги на дату"
          type="date"
          value={onDate}
          onChange={(value) => update({ onDate: value === todayIso() ? null : value })}
        />
      </FilterBar>
      <ErrorBox error={services.error} />
      <DataTable
        label={`Услуги на ${formatDay(onDate)}`}
        testId="house-services-table"
        columns={columns}
        rows={services.data?.items ?? []}
        rowKey={(s) => s.id}
        onOpen={(s) => navigate(organisationPath(s.supplierId))}
        isLoading={services.isPending}
        isFetching={services.isFetching}
        emptyText="На эту дату услуг нет"
      />
    </>
  );
}

/** "45,67 ₽/м³", or "День 5,20 ₽/кВт·ч" for a zone of the day. */
function zoneRate(tariff: Tariff, unit: string | undefined): string {
  const zone = tariff.zone === 'single' ? '' : `${labelOf(TARIFF_ZONE_LABELS, tariff.zone)} `;
  return `${zone}${formatDecimal(tariff.rate, 2)} ₽${unit ? `/${unit}` : ''}`;
}

const TARIFF_LEVEL_TITLES: Record<NonNullable<HouseTariffs['level']>, string> = {
  houses: 'Тариф, установленный для списка домов',
  city: 'Тариф города',
  region: 'Тариф региона',
};

function HouseManagement({ house, writable }: { house: HouseCard; writable: boolean }) {
  const today = todayIso();
  const columns: Column<HouseManager>[] = [
    {
      key: 'manager',
      header: 'Управляющая организация',
      className: 'wrap',
      render: (m) => (
        <Link to={organisationPath(m.managerId)} tabIndex={-1}>
          {m.managerName}
        </Link>
      ),
    },
    { key: 'from', header: 'С', width: '7rem', render: (m) => formatDay(m.validFrom) },
    {
      key: 'to',
      header: 'По',
      width: '7rem',
      render: (m) => (m.validTo ? formatDay(m.validTo) : 'бессрочно'),
    },
    {
      key: 'state',
      header: '',
      width: '6rem',
      render: (m) =>
        m.validFrom <= today && (m.validTo === null || m.validTo >= today) ? (
          <span className="ok">текущая</span>
        ) : m.validFrom > today ? (
          <span className="muted">будущая</span>
        ) : (
          ''
        ),
    },
  ];
  return (
    <>
      {house.managers.length > 0 ? (
        <Timeline
          label="История управления домом"
          items={house.managers.map((m) => ({
            key: m.id,
            from: m.validFrom,
            to: m.validTo,
            label: m.managerName,
          }))}
        />
      ) : (
        <p className="muted">Дом не передан в управление ни одной организации.</p>
      )}
      <DataTable
        label="Периоды управления"
        testId="house-managers-table"
        columns={columns}
        rows={[...house.managers].reverse()}
        rowKey={(m) => m.id}
        onOpen={(m) => navigate(organisationPath(m.managerId))}
        emptyText="Периодов управления нет"
      />
      {writable && <ChangeManagerForm house={house} />}
    </>
  );
}

function ChangeManagerForm({ house }: { house: HouseCard }) {
  const queryClient = useQueryClient();
  const managers = useManagers();
  const current = house.managers.at(-1);
  const [managerId, setManagerId] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => api.changeHouseManager(house.id, { managerId: Number(managerId), validFrom }),
    onSuccess: (result) => {
      queryClient.setQueryData<HouseCard>(['house', house.id], (old) =>
        old ? { ...old, managers: result.items } : old,
      );
      queryClient.invalidateQueries({ queryKey: ['house', house.id] });
      queryClient.invalidateQueries({ queryKey: ['houses'] });
      queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  const errors = fieldErrors(change.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const name = managers.items.find((org) => String(org.id) === managerId)?.name ?? '';
    change.mutate(undefined, {
      onSuccess: () => {
        setDone(`Дом передан организации «${name}» с ${formatDay(validFrom)}.`);
        setManagerId('');
        setValidFrom('');
      },
    });
  };

  return (
    <form className="form card" onSubmit={submit} aria-labelledby="house-hand-over" noValidate>
      <h2 id="house-hand-over">Передать дом в управление</h2>
      <p className="muted">
        {current && current.validTo === null
          ? `Период управления «${current.managerName}» закроется накануне выбранной даты.`
          : 'Новый период управления начнётся с выбранной даты.'}
      </p>
      <ErrorBox error={change.error} />
      <Field label="Управляющая организация" error={errors.managerId}>
        {(props) => (
          <select {...props} value={managerId} onChange={(event) => setManagerId(event.target.value)}>
            <option value="">— выберите —</option>
            {managers.items
              .filter((org) => !(current?.validTo === null && current.managerId === org.id))
              .map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <TextField
        label="С даты"
        type="date"
        value={validFrom}
        onChange={setValidFrom}
        error={errors.validFrom}
        hint={current ? `Позже ${formatDay(current.validFrom)}` : undefined}
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button-primary"
          disabled={!managerId || !validFrom || change.isPending}
        >
          {change.isPending ? 'Сохранение…' : 'Передать'}
        </button>
        {done && (
          <span className="ok" role="status">
            {done}
          </span>
        )}
      </div>
    </form>
  );
}
