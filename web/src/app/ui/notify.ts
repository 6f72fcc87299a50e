import { notifications } from '@mantine/notifications';
import { isProblem } from '../api/problem';
import i18n from '../i18n';

export function notifySuccess(message: string) {
  notifications.show({ color: 'green', message });
}

/** A failure the user should see: the server's translated detail, or a generic network message. */
export function notifyError(error: unknown, detail?: string) {
  notifications.show({
    color: 'red',
    title: i18n.t('app:errors.title'),
    message: detail ?? (isProblem(error) ? error.detail : i18n.t('app:errors.network')),
  });
}
