import { useTranslation } from 'react-i18next';
import { ImportWizard } from '../../../app/imports/ImportWizard';

/** The product import: the shared wizard with the product fields (the server requires the SKU). */
export function ProductImportPage() {
  const { t } = useTranslation('catalog');
  return <ImportWizard kind="products" texts={t('import', { returnObjects: true })} listPath="/catalog/products" />;
}
