import { Stepper } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui/PageHeader';
import { MappingStep } from './MappingStep';
import type { ImportKind, ImportMapping, ImportOptions, ImportResult } from './queries';
import { type ImportResultTexts, ResultStep } from './ResultStep';
import { UploadStep } from './UploadStep';
import { useImport } from './use-import';

export interface ImportOptionsProps {
  value: ImportOptions;
  onChange: (value: ImportOptions) => void;
}

/** A kind's texts, as the `import` section of its module's i18n holds them. */
export interface ImportTexts {
  title: string;
  description: string;
  /** The mapping step's advice for this kind; the general one by default. */
  mappingHint?: string;
  /** Our fields' labels by the names the server's preview lists; the preview also says which are required. */
  fields: Record<string, string>;
  result: ImportResultTexts;
}

/** What differs between import kinds. */
export interface ImportWizardProps {
  kind: ImportKind;
  texts: ImportTexts;
  /** A rule of the kind beyond its required fields (e.g. at least one identity): its message while unmet. */
  check?: (mapping: ImportMapping) => string | null;
  /** The kind's options (sent as the `options` JSON) and the controls that edit them. */
  options?: { initial: ImportOptions; Editor: ComponentType<ImportOptionsProps> };
  /** A line on the kind's own totals in the result (e.g. the consents recorded). */
  summary?: (result: ImportResult) => string | null;
  /** The list the result links to. */
  listPath: string;
}

const NO_OPTIONS: ImportOptions = {};

/** The import wizard of every kind: upload, check the suggested mapping, then follow the job to its result. */
export function ImportWizard(p: ImportWizardProps) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  const w = useImport(p.kind, p.options?.initial ?? NO_OPTIONS);
  return (
    <>
      <PageHeader title={p.texts.title} description={p.texts.description} />
      <Stepper active={w.step} size={narrow ? 'xs' : 'sm'} allowNextStepsSelect={false} mb="xl">
        <Stepper.Step label={t('imports.steps.upload')}>
          <UploadStep reading={w.reading} onFile={w.read} />
        </Stepper.Step>
        <Stepper.Step label={t('imports.steps.mapping')}>
          {w.preview && w.file && (
            <MappingStep
              fileName={w.file.name}
              preview={w.preview}
              mapping={w.mapping}
              onMapping={w.setMapping}
              fieldLabels={p.texts.fields}
              hint={p.texts.mappingHint}
              check={p.check}
              options={p.options && <p.options.Editor value={w.options} onChange={w.setOptions} />}
              starting={w.starting}
              onBack={w.reset}
              onStart={w.start}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={t('imports.steps.result')}>
          {w.jobId && <ResultStep jobId={w.jobId} texts={p.texts.result} listPath={p.listPath} summary={p.summary} onAgain={w.reset} />}
        </Stepper.Step>
      </Stepper>
    </>
  );
}
