/**
 * A client of the İYS (İleti Yönetim Sistemi) consent API for one brand.
 *
 * Where the formats come from (the official documentation at dev.iys.org.tr was not reachable
 * from here; these were checked against integrators' code and docs found with the search tool):
 * - token: `POST /oauth2/token` with JSON `{ grant_type: 'password', username, password }`,
 *   answering `{ access_token, expires_in, … }` (TypeScript and C# İYS clients on GitHub);
 * - consent fields `consentDate` ("YYYY-MM-DD HH:mm:ss", Turkish time), `source`, `recipient`
 *   (+90… E.164 for MESAJ/ARAMA, the address for EPOSTA), `recipientType` BIREYSEL|TACIR,
 *   `status` ONAY|RET, `type` MESAJ|ARAMA|EPOSTA (İYS integrator docs: OrganikHaberlesme/
 *   Veyosis_API_DOCS, netgsm/netiys, ozgur-soft/iys);
 * - single add `POST /sps/{iysCode}/brands/{brandCode}/consents` → `{ transactionId, creationDate }`;
 * - async batch `POST …/consents/request` with a JSON array → `{ requestId, subRequests }`, and
 *   its result `GET …/consents/request/{requestId}` → `[{ index, status, subRequestId, error? }]`
 *   (models of the C# İYS integration projects found by the search tool);
 * - changes `GET …/consents/changes?source=IYS&after=&limit=` → `{ after, list }`.
 * Not verified: the batch limit (1000 per request, as integrators document), the error body
 * (`{ errors: [{ code, message }] }` is assumed, with `message` as a fallback) and the result
 * status values (anything with an `error` is a failure, 'success' an acceptance).
 */

export type IysType = 'MESAJ' | 'ARAMA' | 'EPOSTA';

export interface IysConsent {
  consentDate: string;
  source: string;
  recipient: string;
  recipientType: 'BIREYSEL' | 'TACIR';
  status: 'ONAY' | 'RET';
  type: IysType;
}

export interface IysChange extends IysConsent {
  transactionId?: string;
  creationDate?: string;
}

export interface IysBatchResult {
  index: number;
  status?: string;
  subRequestId?: string;
  transactionId?: string;
  error?: { code?: string; message?: string };
}

export const IYS_BATCH_LIMIT = 1000;

export class IysError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Worth retrying later: the network, İYS's own errors, rate limits. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const istanbul = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Istanbul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "YYYY-MM-DD HH:mm:ss" in Turkish time, as İYS expects consent dates. */
export const iysDate = (d: Date) => istanbul.format(d);

/** An İYS date (Turkish time, UTC+3 all year since 2016) back to an instant. */
export const fromIysDate = (s: string) => new Date(`${s.replace(' ', 'T')}+03:00`);

export interface IysClientOptions {
  baseUrl: string;
  iysCode: string;
  brandCode: string;
  username: string;
  password: string;
  timeoutMs?: number;
}

export class IysClient {
  private token?: { value: string; expires: number };

  constructor(private readonly o: IysClientOptions) {}

  private get brandPath() {
    return `/sps/${encodeURIComponent(this.o.iysCode)}/brands/${encodeURIComponent(this.o.brandCode)}`;
  }

  private async call<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth) headers.authorization = `Bearer ${await this.accessToken()}`;
    let res: Response;
    try {
      res = await fetch(`${this.o.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 20_000),
      });
    } catch (err) {
      throw new IysError(`İYS unreachable: ${(err as Error).message}`, 0, true);
    }
    const text = await res.text();
    const json = text ? safeJson(text) : undefined;
    if (!res.ok) {
      if (res.status === 401 && auth) this.token = undefined;
      const e = json as { errors?: { message?: string }[]; message?: string } | undefined;
      const message = e?.errors?.[0]?.message ?? e?.message ?? text.slice(0, 300);
      throw new IysError(`İYS ${res.status}: ${message}`, res.status, res.status >= 500 || res.status === 429 || res.status === 401);
    }
    return json as T;
  }

  /** OAuth2 password grant; the token is reused until a minute before it expires. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expires > Date.now()) return this.token.value;
    const res = await this.call<{ access_token: string; expires_in?: number }>(
      'POST',
      '/oauth2/token',
      { grant_type: 'password', username: this.o.username, password: this.o.password },
      false,
    );
    this.token = { value: res.access_token, expires: Date.now() + ((res.expires_in ?? 3600) - 60) * 1000 };
    return this.token.value;
  }

  addConsent(consent: IysConsent) {
    return this.call<{ transactionId: string; creationDate?: string }>('POST', `${this.brandPath}/consents`, consent);
  }

  async addConsentsAsync(list: IysConsent[]) {
    if (list.length > IYS_BATCH_LIMIT) throw new Error(`at most ${IYS_BATCH_LIMIT} consents per request`);
    return this.call<{ requestId: string; subRequests?: { subRequestId?: string; index: number }[] }>(
      'POST',
      `${this.brandPath}/consents/request`,
      list,
    );
  }

  batchResult(requestId: string) {
    return this.call<IysBatchResult[]>('GET', `${this.brandPath}/consents/request/${encodeURIComponent(requestId)}`);
  }

  /** Changes made outside this system (citizens' RET on e-Devlet, İYS web and mobile). */
  changes(after: string | null, limit = 999) {
    const q = new URLSearchParams({ source: 'IYS', limit: String(limit), ...(after ? { after } : {}) });
    return this.call<{ after?: string | null; list?: IysChange[] }>('GET', `${this.brandPath}/consents/changes?${q}`);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
