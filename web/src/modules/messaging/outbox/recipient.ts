import { formatPhone } from '../../../app/ui/phone';

/** The recipient as people read it: a phone in national form (a masked one as the server sent it), an e-mail as it is. */
export const recipient = (m: { to: string | null; channel: string }) =>
  m.to === null ? '—' : m.channel !== 'email' && m.to.startsWith('+') && !m.to.includes('*') ? formatPhone(m.to) : m.to;
