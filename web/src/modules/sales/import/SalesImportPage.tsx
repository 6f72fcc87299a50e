import { Stepper } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import type { ImportPreview } from '../../customers/import/queries';
import { ResultStep } from '../../customers/import/ResultStep';
import { UploadStep } from '../../customers/import/UploadStep';
import { previewSalesFile, startSalesImport } from './queries';
import { SalesMappingStep } from './SalesMappingStep';

/** The historical sales import: the customers' upload and result steps around a mapping of sales fields. */
export function SalesImportPage() {
  const { t } = useTranslation('sales');
  const { t: tImport } = useTranslation('customerImport');
  const narrow = useMediaQuery('(max-width: 36em)');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [storeCode, setStoreCode] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const read = useMutation({
    mutationFn: previewSalesFile,
    onSuccess: (p, f) => {
      setFile(f);
      setPreview(p);
      setMapping(p.suggestedMapping);
    },
    onError: (error) => notifyError(error),
  });
  const start = useMutation({
    mutationFn: () => startSalesImport(file!, mapping, storeCode),
    onSuccess: setJobId,
    onError: (error) => notifyError(error),
  });
  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping({});
    setStoreCode(null);
    setJobId(null);
  };

  const step = jobId ? 2 : preview ? 1 : 0;
  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <Stepper active={step} size={narrow ? 'xs' : 'sm'} allowNextStepsSelect={false} mb="xl">
        <Stepper.Step label={tImport('steps.upload')}>
          <UploadStep reading={read.isPending} onFile={(f) => read.mutate(f)} hint={t('import.hint')} />
        </Stepper.Step>
        <Stepper.Step label={tImport('steps.mapping')}>
          {preview && file && (
            <SalesMappingStep
              fileName={file.name}
              preview={preview}
              mapping={mapping}
              onMapping={setMapping}
              storeCode={storeCode}
              onStoreCode={setStoreCode}
              starting={start.isPending}
              onBack={reset}
              onStart={() => start.mutate()}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={tImport('steps.result')}>
          {jobId && (
            <ResultStep
              jobId={jobId}
              onAgain={reset}
              listPath="/sales"
              labels={{
                created: t('import.created'),
                updated: t('import.updated'),
                merged: t('import.merged'),
                toList: t('import.toList'),
              }}
            />
          )}
        </Stepper.Step>
      </Stepper>
    </>
  );
}
