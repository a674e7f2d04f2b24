/**
 * What the run input's payload widget needs beyond its value (the form's widgets get only the
 * value): the node whose module schemas it offers, and the first stage's module, whose input
 * schema is the default choice.
 */
import { createContext } from 'react';
import type { PipelineTarget } from '../pipeline-doc-store.js';

export interface RunInputContextValue {
  target: PipelineTarget | null;
  /** The module the pipeline's first stage runs, if it has stages. */
  firstModule: string | undefined;
}

export const RunInputContext = createContext<RunInputContextValue>({ target: null, firstModule: undefined });
