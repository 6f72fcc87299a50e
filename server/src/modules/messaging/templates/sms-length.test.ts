import { describe, expect, it } from 'vitest';
import { smsLength } from './sms-length';

const tr = { turkishShift: true };
const plain = { turkishShift: false };

describe('smsLength', () => {
  it('GSM 7-bit: 160 in one SMS, 153 per part after', () => {
    expect(smsLength('', plain)).toEqual({ encoding: 'gsm7', characters: 0, parts: 0, perPart: 160, remaining: 160 });
    expect(smsLength('a'.repeat(160), plain)).toEqual({ encoding: 'gsm7', characters: 160, parts: 1, perPart: 160, remaining: 0 });
    expect(smsLength('a'.repeat(161), plain)).toEqual({ encoding: 'gsm7', characters: 161, parts: 2, perPart: 153, remaining: 145 });
    expect(smsLength('a'.repeat(306), plain)).toMatchObject({ parts: 2, remaining: 0 });
    expect(smsLength('a'.repeat(307), plain)).toMatchObject({ parts: 3, remaining: 152 });
  });

  it('counts extension characters twice and never splits an escape pair', () => {
    expect(smsLength('€'.repeat(80), plain)).toMatchObject({ encoding: 'gsm7', characters: 160, parts: 1 });
    expect(smsLength(`€${'a'.repeat(159)}`, plain)).toMatchObject({ characters: 161, parts: 2 });
    // 152 septets then € (2): it does not fit the 153 left in part one, so it moves whole.
    expect(smsLength(`${'a'.repeat(152)}€${'a'.repeat(10)}`, plain)).toMatchObject({ characters: 164, parts: 2, remaining: 153 - 12 });
  });

  it('Ç, ö, ü, Ö, Ü are in the default alphabet: no shift needed', () => {
    expect(smsLength('Çörek üzüm ÖÜ', tr)).toMatchObject({ encoding: 'gsm7', characters: 13 });
  });

  it('Turkish single shift: ğ ı ş İ Ğ Ş ç take two septets; 155 in one SMS, 149 per part', () => {
    expect(smsLength('ğışİĞŞç', tr)).toMatchObject({ encoding: 'gsm7_tr', characters: 14, parts: 1, perPart: 155 });
    expect(smsLength(`ş${'a'.repeat(153)}`, tr)).toMatchObject({ characters: 155, parts: 1, remaining: 0 });
    expect(smsLength(`ş${'a'.repeat(154)}`, tr)).toMatchObject({ characters: 156, parts: 2, perPart: 149 });
    expect(smsLength(`ş${'a'.repeat(296)}`, tr)).toMatchObject({ characters: 298, parts: 2, remaining: 0 });
    expect(smsLength(`ş${'a'.repeat(297)}`, tr)).toMatchObject({ characters: 299, parts: 3 });
  });

  it('without the shift table Turkish letters need UCS-2: 70 in one SMS, 67 per part', () => {
    expect(smsLength('ş'.repeat(70), plain)).toEqual({ encoding: 'ucs2', characters: 70, parts: 1, perPart: 70, remaining: 0 });
    expect(smsLength('ş'.repeat(71), plain)).toEqual({ encoding: 'ucs2', characters: 71, parts: 2, perPart: 67, remaining: 63 });
    expect(smsLength('ş'.repeat(134), plain)).toMatchObject({ parts: 2, remaining: 0 });
    expect(smsLength('ş'.repeat(135), plain)).toMatchObject({ parts: 3 });
  });

  it('an emoji forces UCS-2 even with the shift table, counts two units and is never split', () => {
    expect(smsLength('Merhaba 🎉', tr)).toMatchObject({ encoding: 'ucs2', characters: 10, parts: 1 });
    expect(smsLength('🎉'.repeat(35), tr)).toMatchObject({ characters: 70, parts: 1, remaining: 0 });
    // 66 units then an emoji: 68 > 67, so the emoji opens part two.
    expect(smsLength(`${'a'.repeat(66)}🎉${'a'.repeat(5)}`, tr)).toMatchObject({ characters: 73, parts: 2, remaining: 67 - 7 });
  });
});
