import { describe, expect, it } from 'vitest';
import { formatPhone, isMobile, maskPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['0532 123 45 67', '+905321234567'],
    ['05321234567', '+905321234567'],
    ['5321234567', '+905321234567'],
    ['+90 (532) 123-45-67', '+905321234567'],
    ['905321234567', '+905321234567'],
    ['0090 532 123 45 67', '+905321234567'],
    ['+905321234567', '+905321234567'],
    ['0 (532) 123 45 67', '+905321234567'],
    ['  0532.123.45.67  ', '+905321234567'],
    ['0212 123 45 67', '+902121234567'],
    ['+49 30 123456', '+4930123456'],
    ['+1 212 555 0123', '+12125550123'],
  ])('%j → %s', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it('reads national numbers in the given default country', () => {
    expect(normalizePhone('030 123456', 'DE')).toBe('+4930123456');
    // the same digits are a valid German fixed line (Goslar, 05321) when DE is the default
    expect(normalizePhone('0532 123 45 67', 'DE')).toBe('+495321234567');
    expect(normalizePhone('+90 532 123 45 67', 'DE')).toBe('+905321234567');
  });

  it.each([
    'abc',
    '',
    '   ',
    '123',
    'x'.repeat(40),
    '1234567890123456789012345678901234567890',
    '0532 123 45 6',
    '0532 123 45 678',
    '+90 532 123 45 67 89',
    '0000 000 00 00',
    'call 0532 123 45 67 now',
    '05321234567a',
    '0532 123 45 67 ext 12',
  ])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('isMobile', () => {
  it('tells Turkish mobiles from fixed lines and service numbers', () => {
    expect(isMobile('+905321234567')).toBe(true);
    expect(isMobile('+905012345678')).toBe(true);
    expect(isMobile('+902121234567')).toBe(false);
    expect(isMobile('+908501234567')).toBe(false);
  });

  it('handles other countries and bad input', () => {
    expect(isMobile('+4930123456')).toBe(false);
    expect(isMobile('+4915112345678')).toBe(true);
    expect(isMobile('+12125550123')).toBe(true);
    expect(isMobile('garbage')).toBe(false);
    expect(isMobile('')).toBe(false);
  });
});

describe('formatPhone', () => {
  it('formats national and international', () => {
    expect(formatPhone('+905321234567')).toBe('0532 123 45 67');
    expect(formatPhone('+905321234567', 'national')).toBe('0532 123 45 67');
    expect(formatPhone('+905321234567', 'international')).toBe('+90 532 123 45 67');
    expect(formatPhone('+902121234567', 'international')).toBe('+90 212 123 45 67');
    expect(formatPhone('+4930123456', 'international')).toBe('+49 30 123456');
    expect(formatPhone('+4930123456')).toBe('030 123456');
  });

  it('refuses anything that is not E.164', () => {
    for (const bad of ['0532 123 45 67', '5321234567', 'abc', '', '+']) {
      expect(() => formatPhone(bad), bad).toThrow(RangeError);
    }
  });
});

describe('maskPhone', () => {
  it('masks a Turkish number as +90 532 *** ** 67', () => {
    expect(maskPhone('+905321234567')).toBe('+90 532 *** ** 67');
    expect(maskPhone('+902161234567')).toBe('+90 216 *** ** 67');
  });

  it('keeps country code, first 3 and last 2 national digits for other countries', () => {
    expect(maskPhone('+4930123456')).toBe('+49 30 1***56');
    expect(maskPhone('+12125550123')).toBe('+1 212 *** **23');
    expect(maskPhone('+441234567890')).toBe('+44 123* ****90');
  });

  it('always hides at least 3 digits of short numbers', () => {
    expect(maskPhone('+6831234')).toBe('+683 ***4');
    expect(maskPhone('+29012345')).toBe('+290 ***45');
  });

  it('refuses anything that is not E.164', () => {
    expect(() => maskPhone('0532 123 45 67')).toThrow(RangeError);
  });
});
