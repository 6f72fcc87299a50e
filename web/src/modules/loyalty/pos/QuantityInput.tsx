import { NumberInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSeparators } from '../parts/inputs';

interface Props {
  value: number;
  /** Only a positive quantity of at most three decimals (a weighed "0,750" kg) is passed on. */
  onChange: (quantity: number) => void;
  label: string;
  disabled: boolean;
}

/**
 * A line's quantity, typed: twelve pencils without twelve taps, or a weight. What is on the way
 * to a number ("", "0", "1,") stays in the field until it is left, then the line's quantity
 * comes back.
 */
export function QuantityInput({ value, onChange, label, disabled }: Props) {
  const { decimalSeparator } = useSeparators();
  const [text, setText] = useState<number | string>(value);
  // The − / + buttons and new scans change it from outside.
  useEffect(() => setText(value), [value]);
  return (
    <NumberInput
      aria-label={label}
      value={text}
      onChange={(v) => {
        setText(v);
        if (typeof v === 'number' && v > 0) onChange(v);
      }}
      onBlur={() => setText(value)}
      decimalSeparator={decimalSeparator}
      decimalScale={3}
      allowNegative={false}
      hideControls
      inputMode="decimal"
      size="md"
      w={76}
      styles={{ input: { textAlign: 'center', fontWeight: 700 } }}
      disabled={disabled}
      data-testid="pos-quantity"
    />
  );
}
