import type { Module } from '../../platform/module';

/** Segments: rule trees over every module's customer facts, counted live, kept as dynamic or static memberships. */
export const segmentsModule: Module = {
  name: 'segments',
};
