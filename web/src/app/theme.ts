import { createTheme, Drawer, Modal } from '@mantine/core';
import type { TFunction } from 'i18next';

const font = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** The theme, with the defaults that carry text (such as the close buttons' labels) translated. */
export function createAppTheme(t: TFunction<'app'>) {
  const closeButtonProps = { 'aria-label': t('actions.close') };
  return createTheme({
    primaryColor: 'teal',
    defaultRadius: 'md',
    fontFamily: font,
    headings: { fontFamily: font },
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
    },
  });
}
