import type { QualityIssue } from './queries';

/**
 * The profile field that fixes each data quality problem: the 360 page's hints scroll to it.
 * `consent` is the consent panel's section.
 */
export const ISSUE_FIELDS: Record<QualityIssue, string> = {
  phone_missing: 'phone',
  phone_not_mobile: 'phone',
  name_missing: 'firstName',
  name_placeholder: 'firstName',
  email_missing: 'email',
  email_invalid: 'email',
  email_disposable: 'email',
  birthday_missing: 'birthday',
  birthday_implausible: 'birthday',
  consent_missing: 'consent',
  store_missing: 'preferredStoreId',
};

export const QUALITY_ISSUES = Object.keys(ISSUE_FIELDS) as QualityIssue[];

/** The issues this web app knows (a newer server may report more; those are not shown). */
export const knownIssues = (issues: string[]) => issues.filter((i): i is QualityIssue => i in ISSUE_FIELDS);
