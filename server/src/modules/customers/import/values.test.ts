import { describe, expect, it } from 'vitest';
import { birthdayOf, consentOf, genderOf, phoneText, splitName } from './values';

describe('customer import values', () => {
  it('split a full name at its last word', () => {
    expect(splitName('Ayşe Nur Yılmaz')).toEqual({ firstName: 'Ayşe Nur', lastName: 'Yılmaz' });
    expect(splitName('Cem')).toEqual({ firstName: 'Cem', lastName: null });
  });

  it('read birthdays in Turkish, ISO and Excel forms', () => {
    expect(birthdayOf('15.03.1990')).toBe('1990-03-15');
    expect(birthdayOf('5/3/1990')).toBe('1990-03-05');
    expect(birthdayOf('1990-03-15')).toBe('1990-03-15');
    expect(birthdayOf('1990-03-15 00:00:00')).toBe('1990-03-15');
    expect(birthdayOf('--03-15')).toBe('--03-15');
    expect(birthdayOf('15.03')).toBe('--03-15');
    expect(birthdayOf(32947)).toBe('1990-03-15');
    expect(birthdayOf(new Date(Date.UTC(1990, 2, 15)))).toBe('1990-03-15');
    expect(birthdayOf('dün')).toBeNull();
    expect(birthdayOf(1.5)).toBeNull();
  });

  it('read genders and consents in Turkish and English', () => {
    expect(['K', 'kadın', 'KADIN', 'Bayan', 'F'].map(genderOf)).toEqual(Array(5).fill('female'));
    expect(['E', 'Erkek', 'BAY', 'm'].map(genderOf)).toEqual(Array(4).fill('male'));
    expect(genderOf('belki')).toBeUndefined();
    expect(['evet', 'EVET', 'Var', '1', 'true', 'x', 'X', true, 1].map(consentOf)).toEqual(Array(9).fill('granted'));
    expect(['hayır', 'HAYIR', 'yok', '0', 'false', false, 0].map(consentOf)).toEqual(Array(7).fill('revoked'));
    expect(consentOf(null)).toBeNull();
    expect(consentOf('belki')).toBeUndefined();
  });

  it('give a number typed into Excel its + back', () => {
    expect(phoneText(905321234567)).toBe('+905321234567');
    expect(phoneText('0532 123 45 67')).toBe('0532 123 45 67');
    expect(phoneText(5321234567)).toBe('5321234567');
  });
});
