import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { Panel } from '../../../app/ui/Panel';
import { type Column, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useLocalDate } from '../../loyalty/parts/local-date';
import { useNumbers } from '../format';
import type { ClvFit, useFitPages } from '../queries';

/** Every fit, latest first: how the parameters moved as data came in. */
export function FitHistory({ pages }: { pages: ReturnType<typeof useFitPages> }) {
  const { t } = useTranslation('analytics');
  const format = useFormat();
  const localDate = useLocalDate();
  const { num, fixed } = useNumbers();
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<ClvFit>[] = [
    { key: 'at', header: t('history.fittedAt'), render: (f) => format.dateTime(f.createdAt) },
    { key: 'end', header: t('history.calibrationEnd'), render: (f) => localDate(f.calibrationEnd) },
    { key: 'unit', header: t('history.unit'), render: (f) => t(`units.${f.timeUnit}.name`) },
    { key: 'customers', header: t('history.customers'), render: (f) => num(f.customers, 0) },
    {
      key: 'bgnbd',
      header: t('history.bgnbd'),
      render: ({ bgnbd: m }) => `r ${fixed(m.r)} · α ${fixed(m.alpha)} · a ${fixed(m.a)} · b ${fixed(m.b)}`,
    },
    { key: 'll', header: t('history.logLikelihood'), render: (f) => fixed(f.bgnbd.logLikelihood, 1) },
    {
      key: 'gg',
      header: t('history.gammaGamma'),
      render: ({ gammaGamma: m }) => `p ${fixed(m.p, 2)} · q ${fixed(m.q, 2)} · γ ${fixed(m.gamma, 2)}`,
    },
  ];
  return (
    <Panel title={t('history.title')} testId="fit-history">
      <ResponsiveTable rows={rows} columns={columns} rowKey={(f) => f.id} empty={<EmptyList title={t('history.empty')} />} minWidth={900} />
      <LoadMore {...pages} />
    </Panel>
  );
}
