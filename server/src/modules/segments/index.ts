import type { Module } from '../../platform/module';
import { registerMessageSegmentFields } from './message-fields';
import { defineRefresh } from './refresh';
import { segmentRoutes } from './routes/segments.routes';

export { compileEnv, countRule, prepareRule } from './compile';
export { type CompileEnv, type Condition, registerSegmentField, type SegmentField } from './registry';
export type { Rule } from './rule';
export { segmentMembersSql } from './service';

/** Segments: rule trees over every module's customer facts, counted live, kept as dynamic or static memberships. */
export const segmentsModule: Module = {
  name: 'segments',
  setup(ctx) {
    registerMessageSegmentFields();
    defineRefresh(ctx);
  },
  routes(app) {
    segmentRoutes(app);
  },
};
