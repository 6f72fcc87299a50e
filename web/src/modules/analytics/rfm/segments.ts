import type { RfmSegment } from './rfm-queries';

/** Segments in the order the screens list them (best first), as the server's RFM_SEGMENTS. */
export const SEGMENTS: RfmSegment[] = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
];

/** A segment's colour (Mantine palette) and whether its text must be dark to stay readable. */
export const SEGMENT_COLOR: Record<RfmSegment, { color: string; dark?: boolean }> = {
  champions: { color: 'green.8' },
  loyal: { color: 'teal.6' },
  potential_loyalist: { color: 'cyan.3', dark: true },
  new: { color: 'blue.6' },
  promising: { color: 'indigo.3', dark: true },
  need_attention: { color: 'yellow.4', dark: true },
  about_to_sleep: { color: 'orange.3', dark: true },
  at_risk: { color: 'orange.7' },
  cant_lose: { color: 'red.8' },
  hibernating: { color: 'gray.5', dark: true },
  lost: { color: 'dark.4' },
};

/** `green.8` → the CSS variable Mantine defines for it. */
export const cssColor = (c: string) => {
  const [name, shade] = c.split('.');
  return `var(--mantine-color-${name}-${shade})`;
};

export const segmentStyle = (s: RfmSegment) => ({
  background: cssColor(SEGMENT_COLOR[s].color),
  color: SEGMENT_COLOR[s].dark ? 'var(--mantine-color-dark-9)' : 'white',
});
