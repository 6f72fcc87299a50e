import type { ImportField } from '../../../platform/imports';

/** What a customer file may hold, with the headers Turkish and English files give each column. */
export const CUSTOMER_IMPORT_FIELDS: ImportField[] = [
  {
    name: 'fullName',
    synonyms: [
      'Ad Soyad',
      'Adı Soyadı',
      'Adı Soyad',
      'Ad Soyadı',
      'Müşteri Adı',
      'Müşteri',
      'İsim Soyisim',
      'Full Name',
      'Name',
      'Customer Name',
      'Customer',
    ],
  },
  { name: 'firstName', synonyms: ['Ad', 'Adı', 'İsim', 'First Name', 'Given Name'] },
  { name: 'lastName', synonyms: ['Soyad', 'Soyadı', 'Soyisim', 'Last Name', 'Surname', 'Family Name'] },
  {
    name: 'phone',
    synonyms: [
      'Cep Telefonu',
      'Cep Tel',
      'Cep',
      'GSM',
      'GSM No',
      'Telefon',
      'Telefon No',
      'Tel',
      'Mobile',
      'Mobile Phone',
      'Phone',
      'Phone Number',
    ],
  },
  { name: 'email', synonyms: ['E-posta', 'Eposta', 'E-posta Adresi', 'Mail', 'E-mail', 'Email Address'] },
  { name: 'birthday', synonyms: ['Doğum Tarihi', 'Doğum Günü', 'D. Tarihi', 'Birthday', 'Birth Date', 'Date of Birth', 'DOB'] },
  { name: 'gender', synonyms: ['Cinsiyet', 'Cinsiyeti', 'Gender', 'Sex'] },
  { name: 'city', synonyms: ['İl', 'Şehir', 'City', 'Province'] },
  { name: 'district', synonyms: ['İlçe', 'Semt', 'District', 'County'] },
  { name: 'storeCode', synonyms: ['Mağaza Kodu', 'Mağaza', 'Şube Kodu', 'Şube', 'Store Code', 'Store'] },
  { name: 'cardNumber', synonyms: ['Kart No', 'Kart Numarası', 'Sadakat Kartı', 'Card No', 'Card Number', 'Loyalty Card'] },
  { name: 'externalId', synonyms: ['Dış Kimlik', 'Müşteri No', 'Müşteri Kodu', 'Cari Kod', 'External Id', 'Customer Id', 'Customer No'] },
  { name: 'tags', synonyms: ['Etiketler', 'Etiket', 'Tags', 'Tag'] },
  { name: 'note', synonyms: ['Not', 'Notlar', 'Açıklama', 'Note', 'Notes', 'Comment'] },
  { name: 'smsConsent', synonyms: ['SMS İzni', 'SMS Onayı', 'SMS İzin', 'SMS Consent', 'SMS Opt-in'] },
  { name: 'emailConsent', synonyms: ['E-posta İzni', 'Eposta İzni', 'E-posta Onayı', 'Mail İzni', 'Email Consent', 'Email Opt-in'] },
  { name: 'callConsent', synonyms: ['Arama İzni', 'Telefon İzni', 'Arama Onayı', 'Call Consent', 'Phone Consent'] },
  { name: 'whatsappConsent', synonyms: ['WhatsApp İzni', 'WhatsApp Onayı', 'WhatsApp Consent'] },
];

export const CONSENT_FIELDS = {
  smsConsent: 'sms',
  emailConsent: 'email',
  callConsent: 'call',
  whatsappConsent: 'whatsapp',
} as const;
