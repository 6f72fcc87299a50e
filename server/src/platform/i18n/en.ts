import { analyticsEn } from '../../modules/analytics/messages';
import { campaignsEn } from '../../modules/campaigns/messages';
import { catalogEn } from '../../modules/catalog/messages';
import { dedupEn } from '../../modules/customers/dedup-messages';
import { customerImportEn } from '../../modules/customers/import/messages';
import { customersEn } from '../../modules/customers/messages';
import { loyaltyEn } from '../../modules/loyalty/messages';
import { messagingEn } from '../../modules/messaging/messages';
import { privacyEn } from '../../modules/privacy/messages';
import { salesEn, salesImportEn } from '../../modules/sales/messages';
import { segmentsEn } from '../../modules/segments/messages';
import { importsEn } from '../imports/messages';
import type { tr } from './tr';

/** English API messages; the type makes a missing translation a compile error. */
export const en: Record<keyof typeof tr, string> = {
  ...analyticsEn,
  ...catalogEn,
  ...customersEn,
  ...privacyEn,
  ...salesEn,
  ...salesImportEn,
  ...importsEn,
  ...customerImportEn,
  ...dedupEn,
  ...loyaltyEn,
  ...segmentsEn,
  ...messagingEn,
  ...campaignsEn,
  'error.validation': 'The data sent is not valid.',
  'error.not_found': 'The record you are looking for was not found.',
  'error.route_not_found': 'There is no such address: {method} {url}',
  'error.unauthenticated': 'You need to sign in for this.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.csrf': 'Security check failed. Reload the page and try again.',
  'error.rate_limited': 'Too many requests. Try again in {seconds} seconds.',
  'error.payload_too_large': 'The data sent is too large (at most {limit} bytes).',
  'error.unsupported_media_type': 'This content type is not supported: {type}',
  'error.malformed_json': 'The JSON sent could not be read.',
  'error.internal': 'An unexpected error occurred. Reference: {requestId}',
  'error.conflict': 'This record conflicts with another one.',
  'error.idempotency_mismatch': 'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
  'error.idempotency_in_progress': 'The request sent with this Idempotency-Key is still being processed.',
  'error.invalid_cursor': 'The pagination cursor is not valid.',
  'auth.invalid_credentials': 'Wrong e-mail or password.',
  'auth.too_many_attempts': 'Too many failed sign-in attempts. Try again in {seconds} seconds.',
  'auth.invalid_api_key': 'The API key is not valid or has been revoked.',
  'auth.token_invalid': 'This link is invalid, already used or expired.',
  'auth.weak_password': 'The password must be at least 10 characters.',
  'auth.wrong_password': 'The current password is wrong.',
  'access.email_taken': 'A user with this e-mail address already exists.',
  'access.store_code_taken': 'This store code is already in use.',
  'access.brand_code_taken': 'This brand code is already in use.',
  'access.unknown_store': 'Store not found: {code}',
  'access.unknown_brand': 'Brand not found.',
  'access.store_scope_required': 'Store roles need at least one store.',
  'access.last_owner': "The org's last owner cannot be deactivated or given another role.",
  'access.self_deactivate': 'You cannot deactivate your own account.',
  'access.owner_only': 'Only an owner can grant the owner role.',
  'access.invalid_timezone': 'Invalid time zone: {value}',
  'access.brand_in_use': 'Stores belong to this brand; move them to another brand first.',
  'access.api_key_store_scope': 'An API key with the pos scope needs a store code.',
  'validation.required': 'Required.',
  'validation.invalid': 'Invalid value.',
  'validation.invalid_type': 'Expected {expected}.',
  'validation.too_small': 'Must be at least {minimum}.',
  'validation.too_big': 'Must be at most {maximum}.',
  'validation.unknown_field': 'Unknown field: {keys}',
  'validation.invalid_email': 'Enter a valid e-mail address.',
  'validation.invalid_phone': 'Enter a valid phone number.',
  'validation.invalid_option': 'Must be one of: {options}',
  'validation.invalid_format': 'Wrong format.',
  'validation.invalid_uuid': 'Expected a valid id (UUID).',
  'validation.invalid_characters': 'Contains characters that are not allowed.',
  'validation.too_deep': 'Data may nest at most {max} levels deep.',
};
