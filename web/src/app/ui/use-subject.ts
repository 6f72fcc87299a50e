import { useState } from 'react';

/**
 * A dialog about one item (delete this brand, edit that user). The item stays set while the
 * dialog fades out, so its text does not go blank during the closing transition.
 */
export function useSubject<T>() {
  const [subject, setSubject] = useState<T | null>(null);
  const [opened, setOpened] = useState(false);
  return {
    subject,
    opened,
    open: (item: T) => {
      setSubject(item);
      setOpened(true);
    },
    close: () => setOpened(false),
  };
}
