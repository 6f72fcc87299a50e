import type { Translation } from '../../../../app/i18n/types';
import type { tr } from './tr';

export const en: Translation<typeof tr> = {
  import: {
    title: 'Import customers',
    description: 'Upload customers from an Excel (XLSX) or CSV file; the same people are merged and rejected rows come back as a file.',
    needIdentity: 'Map at least one of phone, e-mail, card number or external id, so customers can be recognised.',
    consentSource: 'Consent source (İYS)',
    consentSourceHint: 'Consent columns are recorded with this source.',
    result: {
      created: 'New customers',
      updated: 'Updated',
      merged: 'Merged within the file',
      consents: '{{count}} consents recorded',
      toList: 'Go to the customer list',
    },
    fields: {
      fullName: 'Full name (one column)',
      firstName: 'First name',
      lastName: 'Last name',
      phone: 'Mobile phone',
      email: 'E-mail',
      birthday: 'Birthday',
      gender: 'Gender',
      city: 'City',
      district: 'District',
      storeCode: 'Store code',
      cardNumber: 'Card number',
      externalId: 'External id',
      tags: 'Tags',
      note: 'Note',
      smsConsent: 'SMS consent',
      emailConsent: 'E-mail consent',
      callConsent: 'Call consent',
      whatsappConsent: 'WhatsApp consent',
    },
  },
  export: {
    button: 'Export',
    csv: 'CSV (Excel)',
    xlsx: 'Excel (XLSX)',
    masked: 'Contact details are exported masked.',
    limit: 'Up to 100,000 customers matching the filters are exported.',
  },
};
