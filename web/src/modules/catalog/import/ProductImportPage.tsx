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
import { ProductMappingStep } from './ProductMappingStep';
import { PRODUCT_FILES, previewProductFile, startProductImport } from './queries';

/** The product import wizard: the customers' upload and result steps around a mapping of product fields. */
export function ProductImportPage() {
  const { t } = useTranslation('catalog');
  const { t: tImport } = useTranslation('customerImport');
  const narrow = useMediaQuery('(max-width: 36em)');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [jobId, setJobId] = useState<string | null>(null);

  const read = useMutation({
    mutationFn: previewProductFile,
    onSuccess: (p, f) => {
      setFile(f);
      setPreview(p);
      setMapping(p.suggestedMapping);
    },
    onError: (error) => notifyError(error),
  });
  const start = useMutation({
    mutationFn: () => startProductImport(file!, mapping),
    onSuccess: setJobId,
    onError: (error) => notifyError(error),
  });
  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping({});
    setJobId(null);
  };

  const step = jobId ? 2 : preview ? 1 : 0;
  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <Stepper active={step} size={narrow ? 'xs' : 'sm'} allowNextStepsSelect={false} mb="xl">
        <Stepper.Step label={tImport('steps.upload')}>
          <UploadStep reading={read.isPending} onFile={(f) => read.mutate(f)} accept={PRODUCT_FILES} hint={t('import.hint')} />
        </Stepper.Step>
        <Stepper.Step label={tImport('steps.mapping')}>
          {preview && file && (
            <ProductMappingStep
              fileName={file.name}
              preview={preview}
              mapping={mapping}
              onMapping={setMapping}
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
              listPath="/catalog/products"
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
