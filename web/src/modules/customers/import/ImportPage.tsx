import { Stepper } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { MappingStep } from './MappingStep';
import { type ImportPreview, previewFile, startImport } from './queries';
import { ResultStep } from './ResultStep';
import { UploadStep } from './UploadStep';

/** The import wizard: upload, check the suggested mapping, then follow the job to its result. */
export function ImportPage() {
  const { t } = useTranslation('customerImport');
  const narrow = useMediaQuery('(max-width: 36em)');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [consentSource, setConsentSource] = useState('HS_FIZIKSEL_ORTAM');
  const [jobId, setJobId] = useState<string | null>(null);

  const read = useMutation({
    mutationFn: previewFile,
    onSuccess: (p, f) => {
      setFile(f);
      setPreview(p);
      setMapping(p.suggestedMapping);
    },
    onError: (error) => notifyError(error),
  });
  const start = useMutation({
    mutationFn: () => startImport(file!, mapping, { consentSource }),
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
      <PageHeader title={t('title')} description={t('description')} />
      <Stepper active={step} size={narrow ? 'xs' : 'sm'} allowNextStepsSelect={false} mb="xl">
        <Stepper.Step label={t('steps.upload')}>
          <UploadStep reading={read.isPending} onFile={(f) => read.mutate(f)} />
        </Stepper.Step>
        <Stepper.Step label={t('steps.mapping')}>
          {preview && file && (
            <MappingStep
              fileName={file.name}
              preview={preview}
              mapping={mapping}
              onMapping={setMapping}
              consentSource={consentSource}
              onConsentSource={setConsentSource}
              starting={start.isPending}
              onBack={reset}
              onStart={() => start.mutate()}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={t('steps.result')}>{jobId && <ResultStep jobId={jobId} onAgain={reset} />}</Stepper.Step>
      </Stepper>
    </>
  );
}
