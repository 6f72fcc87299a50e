import { describe, expect, it } from 'vitest';
import { foldTurkish, maskEmail, sameName, titleCaseTr, trLower, trUpper } from './text';

describe('trLower / trUpper', () => {
  it.each([
    ['İ', 'i'],
    ['I', 'ı'],
    ['Ç', 'ç'],
    ['Ğ', 'ğ'],
    ['Ö', 'ö'],
    ['Ş', 'ş'],
    ['Ü', 'ü'],
  ])('trLower(%s) === %s', (upper, lower) => {
    expect(trLower(upper)).toBe(lower);
  });

  it.each([
    ['i', 'İ'],
    ['ı', 'I'],
    ['ç', 'Ç'],
    ['ğ', 'Ğ'],
    ['ö', 'Ö'],
    ['ş', 'Ş'],
    ['ü', 'Ü'],
  ])('trUpper(%s) === %s', (lower, upper) => {
    expect(trUpper(lower)).toBe(upper);
  });

  it('differs from the locale-free methods exactly where Turkish differs', () => {
    expect(trLower('İSTANBUL')).toBe('istanbul');
    expect('İSTANBUL'.toLowerCase()).not.toBe('istanbul');
    expect(trLower('IŞIK')).toBe('ışık');
    expect(trUpper('ışık')).toBe('IŞIK');
    expect(trUpper('istanbul')).toBe('İSTANBUL');
    expect(trUpper('çiğdem öğüt')).toBe('ÇİĞDEM ÖĞÜT');
    expect(trLower('ÇİĞDEM ÖĞÜT')).toBe('çiğdem öğüt');
  });
});

describe('foldTurkish', () => {
  it.each([
    ['İ', 'i'],
    ['ı', 'i'],
    ['I', 'i'],
    ['i', 'i'],
    ['ç', 'c'],
    ['ğ', 'g'],
    ['ö', 'o'],
    ['ş', 's'],
    ['ü', 'u'],
    ['Ç', 'c'],
    ['Ğ', 'g'],
    ['Ö', 'o'],
    ['Ş', 's'],
    ['Ü', 'u'],
    ['â', 'a'],
    ['î', 'i'],
    ['û', 'u'],
    ['Â', 'a'],
  ])('%s → %s', (input, folded) => {
    expect(foldTurkish(input)).toBe(folded);
  });

  it('makes the same name the same key however it was typed', () => {
    for (const s of ['AHMET YILMAZ', 'Ahmet Yılmaz', 'ahmet yilmaz', '  Ahmet   YILMAZ ', 'AHMET\tYılmaz']) {
      expect(foldTurkish(s), s).toBe('ahmet yilmaz');
    }
    for (const s of ['IŞIK', 'Işık', 'ISIK', 'ışık', 'isik']) {
      expect(foldTurkish(s), s).toBe('isik');
    }
    expect(foldTurkish('İSTANBUL')).toBe('istanbul');
    expect(foldTurkish('ÇAĞLAR ÖZGÜNEŞ')).toBe('caglar ozgunes');
    expect(foldTurkish('Hâkim Kâzım')).toBe('hakim kazim');
  });

  it('unfolds decomposed input and compatibility forms', () => {
    expect(foldTurkish('S\u0327ule')).toBe('sule'); // Ş written as S + combining cedilla
    expect(foldTurkish('I\u0307stanbul')).toBe('istanbul'); // İ written as I + combining dot
    expect(foldTurkish('ＡＨＭＥＴ')).toBe('ahmet'); // full-width
    expect(foldTurkish('Ahmet\u00a0Yılmaz')).toBe('ahmet yilmaz'); // no-break space
  });

  it('returns an empty string for blank input', () => {
    expect(foldTurkish('')).toBe('');
    expect(foldTurkish(' \n ')).toBe('');
  });
});

describe('sameName', () => {
  it('matches case and diacritic variants', () => {
    expect(sameName('AHMET YILMAZ', 'ahmet yilmaz')).toBe(true);
    expect(sameName('Şükrü Öztürk', 'SUKRU OZTURK')).toBe(true);
    expect(sameName('Işık', 'ISIK')).toBe(true);
  });

  it('does not match different names', () => {
    expect(sameName('Ahmet Yılmaz', 'Mehmet Yılmaz')).toBe(false);
    expect(sameName('Ahmet Yılmaz', 'Ahmet Yilmazer')).toBe(false);
  });
});

describe('titleCaseTr', () => {
  it.each([
    ['ahmet yILMAZ', 'Ahmet Yılmaz'],
    ['iSTANBUL', 'İstanbul'],
    ['AHMET YILMAZ', 'Ahmet Yılmaz'],
    ['ışık', 'Işık'],
    ['İSMAİL ÇAĞLAR', 'İsmail Çağlar'],
    ['ayşe-nur öztürk', 'Ayşe-Nur Öztürk'],
    ["İSTANBUL'DA", "İstanbul'da"],
    ['şule  ünal', 'Şule  Ünal'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(titleCaseTr(input)).toBe(expected);
  });
});

describe('maskEmail', () => {
  it.each([
    ['ahmet@gmail.com', 'a***@gmail.com'],
    ['a@gmail.com', 'a***@gmail.com'],
    ['  Ayşe.Yılmaz@firma.com.tr ', 'A***@firma.com.tr'],
    ['"a@b"@example.com', '"***@example.com'],
    ['😀x@example.com', '😀***@example.com'],
  ])('%j → %j', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });

  it('hides everything when there is no local part', () => {
    expect(maskEmail('not-an-email')).toBe('***');
    expect(maskEmail('@gmail.com')).toBe('***');
    expect(maskEmail('')).toBe('***');
  });
});
