import type { Tx } from '../../platform/db/database';
import { createBrand, createStore } from './stores';
import { createUser } from './users';

const WEEKDAYS = {
  mon: [['10:00', '22:00']],
  tue: [['10:00', '22:00']],
  wed: [['10:00', '22:00']],
  thu: [['10:00', '22:00']],
  fri: [['10:00', '22:00']],
  sat: [['10:00', '22:00']],
  sun: [['11:00', '21:00']],
} as Record<string, [string, string][]>;

const BRANDS = [
  { code: 'USPA', name: 'U.S. Polo Assn.' },
  { code: 'PC', name: 'Pierre Cardin' },
  { code: 'CACHAREL', name: 'Cacharel' },
];

const STORES = [
  {
    code: 'BRS-01',
    name: 'U.S. Polo Assn. Bursa Zafer Plaza',
    brand: 'USPA',
    city: 'Bursa',
    district: 'Osmangazi',
    address: 'Zafer Plaza AVM, Kat 1, Osmangazi',
    phone: '0224 223 45 67',
  },
  {
    code: 'BRS-02',
    name: 'Pierre Cardin Bursa Korupark',
    brand: 'PC',
    city: 'Bursa',
    district: 'Osmangazi',
    address: 'Korupark AVM, Mudanya Yolu',
    phone: '0224 245 12 34',
  },
  {
    code: 'IST-01',
    name: 'U.S. Polo Assn. İstanbul Cevahir',
    brand: 'USPA',
    city: 'İstanbul',
    district: 'Şişli',
    address: 'Cevahir AVM, Büyükdere Cd. No:22, Şişli',
    phone: '0212 380 11 22',
  },
  {
    code: 'IST-02',
    name: 'Cacharel İstanbul Akasya',
    brand: 'CACHAREL',
    city: 'İstanbul',
    district: 'Üsküdar',
    address: 'Akasya AVM, Acıbadem',
    phone: '0216 999 12 12',
  },
  {
    code: 'IST-03',
    name: 'Pierre Cardin İstanbul Kanyon',
    brand: 'PC',
    city: 'İstanbul',
    district: 'Beşiktaş',
    address: 'Kanyon AVM, Levent',
    phone: '0212 353 53 00',
  },
];

/** The access part of the demo org: brands, stores and a few staff with pending invitations. */
export async function seedAccessDemo(tx: Tx) {
  const source = { auth: null };
  const brandIds = new Map<string, string>();
  for (const b of BRANDS) brandIds.set(b.code, (await createBrand(tx, source, b)).id);
  const storeIds = new Map<string, string>();
  for (const s of STORES) {
    const store = await createStore(tx, source, {
      code: s.code,
      name: s.name,
      brandId: brandIds.get(s.brand),
      city: s.city,
      district: s.district,
      address: s.address,
      phone: s.phone.replace(/^0/, '+90').replace(/\s/g, ''),
      openingHours: WEEKDAYS,
    });
    storeIds.set(s.code, store.id);
  }
  const staff = [
    { email: 'ayse.demir@demo.muhtar.local', name: 'Ayşe Demir', role: 'store_manager' as const, storeIds: [storeIds.get('BRS-01')!] },
    { email: 'mehmet.kaya@demo.muhtar.local', name: 'Mehmet Kaya', role: 'associate' as const, storeIds: [storeIds.get('BRS-01')!] },
    { email: 'zeynep.sahin@demo.muhtar.local', name: 'Zeynep Şahin', role: 'marketer' as const },
  ];
  for (const u of staff) await createUser(tx, source, 'owner', u);
  return { brandIds, storeIds };
}
