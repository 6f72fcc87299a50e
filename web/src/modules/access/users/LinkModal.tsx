import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../app/api/types';
import { OneTimeSecret } from '../../../app/ui/OneTimeSecret';

/** A one-time invitation or reset link; the server keeps only its hash, so it is shown once. */
export interface ShownLink {
  purpose: 'invite' | 'reset';
  user: Schema<'User'>;
  url: string;
  expiresInHours: number;
}

export function LinkModal({ link, onClose }: { link: ShownLink | null; onClose: () => void }) {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  return (
    <Modal
      opened={link !== null}
      onClose={onClose}
      title={link?.purpose === 'invite' ? t('users.link.inviteTitle') : t('users.link.resetTitle')}
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      {link && (
        <>
          <Text mb="sm">{t('users.link.share', { name: link.user.name, email: link.user.email })}</Text>
          <OneTimeSecret value={link.url} warning={t('users.link.once', { hours: link.expiresInHours })} />
          <Group justify="flex-end" mt="lg">
            <Button onClick={onClose}>{tApp('actions.done')}</Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
