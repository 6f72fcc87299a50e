export { defineImportJob } from './engine';
export {
  type ChunkResult,
  type ImportField,
  type ImportJob,
  type ImportKind,
  type ImportRow,
  type Rejection,
  registerImportKind,
} from './registry';
export { importRoutes } from './routes';
