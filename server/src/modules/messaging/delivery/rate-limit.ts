/**
 * Messages per second per provider configuration, shared by every drain of this process: each
 * send takes the next slot of its provider and waits for it. (Several worker processes each keep
 * their own pace; the provider's own throttling answers 429, which is retried.)
 */
const nextSlot = new Map<string, number>();

export async function takeSlot(key: string, perSecond: number): Promise<void> {
  const now = performance.now();
  const slot = Math.max(now, nextSlot.get(key) ?? now);
  nextSlot.set(key, slot + 1000 / Math.max(perSecond, 0.001));
  const wait = slot - now;
  // Timers are not finer than a millisecond: shorter waits add up until they are worth one.
  if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
}
