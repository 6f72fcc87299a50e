/** A LIKE pattern that matches `text` literally: its own %, _ and \ are escaped. */
export function likeEscaped(text: string, match: 'contains' | 'prefix'): string {
  const literal = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return match === 'contains' ? `%${literal}%` : `${literal}%`;
}
