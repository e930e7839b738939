/** In-memory handlers: load from artifacts you hold, or receive the artifacts of a save. */
import { ModelFormatError } from '@tensile/core';
import { artifactsInfo, type IOHandler, type ModelArtifacts, type SaveResult } from './types.js';

/** A handler whose `load` returns `artifacts` (e.g. from TensorFlow.js' `withSaveHandler`). */
export function fromMemory(artifacts: ModelArtifacts): IOHandler {
  if (!artifacts || typeof artifacts !== 'object')
    throw new ModelFormatError('io.fromMemory: expected model artifacts {modelTopology, weightSpecs, weightData}');
  return { load: async () => artifacts };
}

/** A handler whose `save` passes the artifacts to `fn`. */
export function withSaveHandler(fn: (artifacts: ModelArtifacts) => Promise<SaveResult | undefined> | SaveResult | undefined): IOHandler {
  return {
    save: async (artifacts) => (await fn(artifacts)) ?? { modelArtifactsInfo: artifactsInfo(artifacts) },
  };
}
