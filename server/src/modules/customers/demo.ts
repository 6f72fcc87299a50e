import type { Tx } from '../../platform/db/database';
import { foldTurkish } from '../../platform/text';
import { listStores } from '../access/stores';
import { listUsers } from '../access/users';
import { insertCustomers, type NewCustomer } from './bulk';
import { createCustomField } from './custom-fields';
import type { Identity } from './identities';
import type { Columns } from './profile';

const FEMALE = [
  'Ayşe',
  'Fatma',
  'Zeynep',
  'Elif',
  'Emine',
  'Merve',
  'Büşra',
  'Şeyma',
  'Gül',
  'Özlem',
  'Derya',
  'İrem',
  'Ece',
  'Çağla',
  'Sevgi',
  'Hülya',
  'Nur',
  'Tuğba',
  'Esra',
  'Gökçe',
];
const MALE = [
  'Mehmet',
  'Ahmet',
  'Mustafa',
  'Ali',
  'Hüseyin',
  'Hasan',
  'İbrahim',
  'Murat',
  'Emre',
  'Burak',
  'Oğuz',
  'Çağrı',
  'Serkan',
  'Uğur',
  'Barış',
  'Kaan',
  'Onur',
  'Ömer',
  'Yusuf',
  'İsmail',
];
const LAST = [
  'Yılmaz',
  'Kaya',
  'Demir',
  'Şahin',
  'Çelik',
  'Yıldız',
  'Yıldırım',
  'Öztürk',
  'Aydın',
  'Özdemir',
  'Arslan',
  'Doğan',
  'Kılıç',
  'Aslan',
  'Çetin',
  'Kara',
  'Koç',
  'Kurt',
  'Özkan',
  'Şimşek',
  'Işık',
  'Güneş',
  'Erdoğan',
  'Bulut',
  'Ünal',
];
const PLACES: [string, string[]][] = [
  ['Bursa', ['Nilüfer', 'Osmangazi', 'Yıldırım', 'Mudanya', 'Gemlik']],
  ['İstanbul', ['Kadıköy', 'Beşiktaş', 'Bakırköy', 'Üsküdar', 'Şişli', 'Ataşehir', 'Beylikdüzü']],
];
const DOMAINS = ['gmail.com', 'hotmail.com', 'yahoo.com', 'outlook.com', 'icloud.com'];
const OPERATORS = ['530', '532', '533', '535', '536', '541', '542', '543', '544', '505', '506', '551', '552', '555'];
const SIZES_TOP = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const COLOURS = ['Lacivert', 'Siyah', 'Beyaz', 'Bej', 'Haki', 'Bordo', 'Gri'];
const STYLES = ['Klasik', 'Spor', 'Casual', 'Ofis'];
const TAGS = ['VIP', 'Kurumsal', 'Öğrenci', 'Sadık', 'Yeni'];

/** Deterministic, so every demo org looks the same and tests can rely on it. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Thousands of realistic Turkish customers for the demo org, with what real data has: about 3%
 * planted duplicates (the same person typed again with another case, a missing letter, a new
 * phone or e-mail) and about 4% bad records ("Müşteri", test e-mails, no phone, a 1900 birthday).
 */
export async function seedCustomersDemo(tx: Tx, count: number) {
  await createCustomField(tx, { auth: null }, { key: 'meslek', label: 'Meslek', type: 'text' });
  await createCustomField(
    tx,
    { auth: null },
    { key: 'kanal', label: 'Bizi nereden duydu?', type: 'select', options: ['Instagram', 'Arkadaş', 'AVM', 'Google'] },
  );
  const stores = (await listStores(tx, null, { limit: 200 })).items;
  const staff = (await listUsers(tx, { limit: 50 })).items;
  const rnd = prng(20261123);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();
  const phone = () => {
    for (;;) {
      const p = `+90${pick(OPERATORS)}${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`;
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };
  const assigned = new Set<string>();
  const list: NewCustomer[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const female = rnd() < 0.55;
    const first = pick(female ? FEMALE : MALE);
    const last = pick(LAST);
    const [city, districts] = pick(PLACES);
    const store = pick(stores);
    const author = pick(staff);
    const local = foldTurkish(`${first}.${last}`).replace(/\s/g, '');
    let email: string | null = rnd() < 0.7 ? `${local}${Math.floor(rnd() * 100)}@${pick(DOMAINS)}` : null;
    if (email && usedEmails.has(email)) email = null;
    if (email) usedEmails.add(email);
    const year = 1955 + Math.floor(rnd() * 50);
    const columns: Columns = {
      firstName: first,
      lastName: last,
      phone: phone(),
      email,
      gender: female ? 'female' : 'male',
      birthYear: rnd() < 0.8 ? year : null,
      birthMonth: 1 + Math.floor(rnd() * 12),
      birthDay: 1 + Math.floor(rnd() * 28),
      city,
      district: pick(districts),
      preferredStoreId: store?.id ?? null,
      sizeTop: pick(SIZES_TOP),
      sizeShoe: String(female ? 36 + Math.floor(rnd() * 5) : 40 + Math.floor(rnd() * 6)),
      colours: [pick(COLOURS)],
      styles: [pick(STYLES)],
      tags: rnd() < 0.15 ? [pick(TAGS)] : [],
      custom: rnd() < 0.3 ? { kanal: pick(['Instagram', 'Arkadaş', 'AVM', 'Google']) } : {},
    };
    const roll = rnd();
    if (roll < 0.04) {
      // Bad records, as a hurried counter produces them.
      const bad = i % 4;
      if (bad === 0) Object.assign(columns, { firstName: 'Müşteri', lastName: null });
      if (bad === 1) columns.email = `test${i}@mailinator.com`;
      if (bad === 2) Object.assign(columns, { phone: null, firstName: 'xxx' });
      if (bad === 3) Object.assign(columns, { birthYear: 1900, preferredStoreId: null });
    } else if (roll < 0.07 && list.length > 0) {
      // A duplicate of an earlier customer, typed again at another store.
      const orig = list[Math.floor(rnd() * list.length)].columns;
      const variant = i % 3;
      Object.assign(columns, {
        firstName: variant === 0 ? orig.firstName?.toLocaleUpperCase('tr-TR') : orig.firstName,
        lastName: variant === 1 ? foldTurkish(orig.lastName ?? '') : orig.lastName,
        birthYear: orig.birthYear,
        birthMonth: orig.birthMonth,
        birthDay: orig.birthDay,
        district: orig.district,
        city: orig.city,
        email: orig.email && variant === 2 ? orig.email.replace('@', '.tr@') : null,
      });
      if (variant === 2 && orig.phone) {
        // One digit off: a typo at the till.
        const p = `${orig.phone.slice(0, -1)}${(Number(orig.phone.slice(-1)) + 1) % 10}`;
        columns.phone = usedPhones.has(p) ? phone() : p;
        usedPhones.add(columns.phone);
      }
    }
    const identities: Identity[] = [];
    if (columns.phone) identities.push({ kind: 'phone', value: columns.phone });
    if (columns.email && assigned.has(columns.email)) columns.email = null;
    if (columns.email) {
      assigned.add(columns.email);
      identities.push({ kind: 'email', value: columns.email });
    }
    if (rnd() < 0.3) identities.push({ kind: 'card', value: `MHT${String(100000 + i)}` });
    list.push({
      columns,
      identities,
      createdVia: pick(['store', 'store', 'store', 'pos', 'web', 'import'] as const),
      storeId: store?.id ?? null,
      actor: author ? { type: 'user', id: author.id, name: author.name } : null,
      createdAt: new Date(now - Math.floor(rnd() * 720) * 86_400_000),
    });
  }
  await insertCustomers(tx, list);
}
