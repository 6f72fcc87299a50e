import { describe, expect, it } from 'vitest';
import { honorific, inferGender } from './honorific';

const p = (firstName: string | null, lastName: string | null, gender: string | null = null) => ({ firstName, lastName, gender });

describe('honorific', () => {
  it('uses the profile’s gender when set', () => {
    expect(honorific(p('Deniz', 'Yılmaz', 'male'), 'tr')).toBe('Deniz Bey');
    expect(honorific(p('Deniz', 'Yılmaz', 'female'), 'tr')).toBe('Deniz Hanım');
    // 'other' is never overridden by a guess from the name.
    expect(honorific(p('Ahmet', 'Kaya', 'other'), 'tr')).toBe('Sayın Ahmet Kaya');
  });

  it('guesses from common Turkish first names, whatever the case or dots', () => {
    expect(honorific(p('Ahmet', 'Yılmaz'), 'tr')).toBe('Ahmet Bey');
    expect(honorific(p('AYŞE', 'YILMAZ'), 'tr')).toBe('Ayşe Hanım');
    expect(honorific(p('ayse nur', 'demir'), 'tr')).toBe('Ayse Nur Hanım');
    expect(honorific(p('İBRAHİM', null), 'tr')).toBe('İbrahim Bey');
    expect(honorific(p('ibrahim', null), 'tr')).toBe('İbrahim Bey');
    expect(honorific(p('IŞIL', 'Ak'), 'tr')).toBe('Sayın Işıl Ak');
    expect(inferGender(p('Şükrü', null))).toBe('male');
    expect(inferGender(p('sukru', null))).toBe('male');
    expect(inferGender(p('Gülşen', null))).toBe('female');
  });

  it('falls back to the neutral form for unisex or unknown names', () => {
    expect(honorific(p('Deniz', 'Yılmaz'), 'tr')).toBe('Sayın Deniz Yılmaz');
    expect(honorific(p('Umut', null), 'tr')).toBe('Sayın Umut');
    expect(honorific(p(null, null), 'tr')).toBe('Sayın Müşterimiz');
    expect(honorific(p('Deniz', 'Yılmaz'), 'en')).toBe('Dear Deniz');
    expect(honorific(p(null, null), 'en')).toBe('Dear customer');
  });

  it('English: Mr/Ms with the surname when the gender is known', () => {
    expect(honorific(p('Ahmet', 'yılmaz'), 'en')).toBe('Mr Yılmaz');
    expect(honorific(p('Ayşe', 'Kaya'), 'en')).toBe('Ms Kaya');
    expect(honorific(p('Ayşe', null), 'en')).toBe('Dear Ayşe');
  });
});
