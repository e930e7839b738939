/**
 * `downloads://name` (browsers): saves by "downloading" name.json and name.weights.bin through
 * anchor clicks, as TensorFlow.js does. Saving only.
 */
import { ModelFormatError } from '@tensile/core';
import { modelJSONFor } from './model-json.js';
import { artifactsInfo, concatBuffers, type IOHandler, type ModelArtifacts, type SaveResult } from './types.js';

export const DOWNLOADS_SCHEME = 'downloads://';

export function browserDownloads(target = 'model'): IOHandler {
  const name = (target.startsWith(DOWNLOADS_SCHEME) ? target.slice(DOWNLOADS_SCHEME.length) : target) || 'model';
  return {
    async save(artifacts: ModelArtifacts): Promise<SaveResult> {
      if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') {
        throw new ModelFormatError('downloads://: needs a browser document (use file:// in Node)');
      }
      const weightsFile = `${name}.weights.bin`;
      const json = JSON.stringify(modelJSONFor(artifacts, [`./${weightsFile}`]));
      const click = (blob: Blob, filename: string): void => {
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = filename;
        a.dispatchEvent(new MouseEvent('click'));
        // Revoke later: the download starts asynchronously and needs the URL until then.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      };
      click(new Blob([json], { type: 'application/json' }), `${name}.json`);
      if (artifacts.weightData !== undefined)
        click(new Blob([concatBuffers(artifacts.weightData)], { type: 'application/octet-stream' }), weightsFile);
      return { modelArtifactsInfo: artifactsInfo(artifacts) };
    },
  };
}
