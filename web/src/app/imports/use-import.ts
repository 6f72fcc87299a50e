import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { notifyError } from '../ui/notify';
import { type ImportKind, type ImportMapping, type ImportOptions, type ImportPreview, previewImport, startImport } from './queries';

/** The wizard's state: the file read, its mapping and options, then the job that imports it. */
export function useImport(kind: ImportKind, initialOptions: ImportOptions) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [options, setOptions] = useState(initialOptions);
  const [jobId, setJobId] = useState<string | null>(null);

  const read = useMutation({
    mutationFn: (f: File) => previewImport(kind, f),
    onSuccess: (p, f) => {
      setFile(f);
      setPreview(p);
      setMapping(p.suggestedMapping);
    },
    onError: (error) => notifyError(error),
  });
  const start = useMutation({
    mutationFn: () => startImport(kind, file!, mapping, options),
    onSuccess: setJobId,
    onError: (error) => notifyError(error),
  });
  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping({});
    setOptions(initialOptions);
    setJobId(null);
  };

  return {
    step: jobId ? 2 : preview ? 1 : 0,
    file,
    preview,
    mapping,
    setMapping,
    options,
    setOptions,
    jobId,
    read: (f: File) => read.mutate(f),
    reading: read.isPending,
    start: () => start.mutate(),
    starting: start.isPending,
    reset,
  };
}
