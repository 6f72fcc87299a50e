export { defineImportJob } from './engine';
export {
  type ChunkFlow,
  type ChunkResult,
  type ImportField,
  type ImportJob,
  type ImportKind,
  type ImportRow,
  type Rejection,
  registerImportKind,
} from './registry';
export { importRoutes } from './routes';
