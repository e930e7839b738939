/**
 * `io.browserFiles([jsonFile, ...weightFiles])`, as TensorFlow.js' handler of the same name, run
 * in Node with real `File` objects: a saved model round-trips, shards are matched to the manifest
 * by basename, and a file list that does not fit the manifest is refused naming what it got and
 * what the manifest wanted, before any weight is read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ModelFormatError, ready, tensor2d } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { io, layers, loadModel, type ModelArtifacts, type ModelJSON, sequential } from '../src/index.js';
import { MAX_MODEL_JSON_BYTES, modelJSONFor } from '../src/io/model-json.js';
import { concatBuffers } from '../src/io/types.js';
import { values } from './helpers.js';

/** The model's weights: (4*3 + 3 + 3*2 + 2) float32s. */
const BYTES = 92;
const x = tensor2d([
  [1, 2, 3, 4],
  [-1, 0.5, 2, -3],
]);
let artifacts: ModelArtifacts;
let weights: Uint8Array<ArrayBuffer>;
let expected: number[];

beforeAll(async () => {
  await ready();
  const m = sequential([layers.dense({ units: 3, inputShape: [4], activation: 'relu' }), layers.dense({ units: 2 })]);
  await m.save(
    io.withSaveHandler((a) => {
      artifacts = a;
      return undefined;
    }),
  );
  weights = new Uint8Array(concatBuffers(artifacts.weightData));
  expect(weights.byteLength).toBe(BYTES);
  expected = await values(m.apply(x));
  m.dispose();
});

function jsonFile(json: ModelJSON | string, name = 'model.json'): File {
  return new File([typeof json === 'string' ? json : JSON.stringify(json)], name, { type: 'application/json' });
}

function binFile(bytes: Uint8Array<ArrayBuffer>, name: string): File {
  return new File([bytes], name, { type: 'application/octet-stream' });
}

/** A model JSON whose one group names `paths`. */
const modelJSON = (paths: string[]): ModelJSON => modelJSONFor(artifacts, paths);

/** A File that claims `size` bytes without holding them, and fails the test if it is read. */
class Unreadable extends File {
  constructor(
    name: string,
    private readonly claimed: number,
  ) {
    super([], name);
  }
  override get size(): number {
    return this.claimed;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.reject(new Error(`${this.name} was read`));
  }
  override text(): Promise<string> {
    return Promise.reject(new Error(`${this.name} was read`));
  }
}

async function loads(files: ArrayLike<File>): Promise<void> {
  const m = await loadModel(io.browserFiles(files));
  expect(await values(m.apply(x))).toEqual(expected);
  m.dispose();
}

async function expectRefused(files: File[], message: string | RegExp): Promise<void> {
  const tensors = undisposedTensors();
  const err = await loadModel(io.browserFiles(files)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelFormatError);
  if (typeof message === 'string') expect((err as Error).message).toBe(message);
  else expect((err as Error).message).toMatch(message);
  expect(undisposedTensors()).toBe(tensors);
}

function expectArgumentError(files: unknown, message: string): void {
  let err: unknown;
  try {
    io.browserFiles(files as File[]);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ArgumentError);
  expect((err as Error).message).toBe(message);
}

describe('io.browserFiles loads a model from File objects', () => {
  it('a saved model, as a JSON File and a weights File, predicts as the original', async () => {
    const files = [jsonFile(modelJSON(['group1-shard1of1.bin'])), binFile(weights, 'group1-shard1of1.bin')];
    const loaded = await io.browserFiles(files).load?.();
    expect(loaded?.format).toBe('layers-model');
    expect(loaded?.weightSpecs).toEqual(artifacts.weightSpecs);
    expect(new Uint8Array(concatBuffers(loaded?.weightData))).toEqual(weights);
    await loads(files);
    // What `<input type="file" multiple>`.files gives is a FileList: array-like, not an array.
    await loads({ 0: files[0], 1: files[1], length: 2 });
  });

  it('loads what browserDownloads writes: name.json naming ./name.weights.bin', async () => {
    await loads([jsonFile(modelJSON(['./my-model.weights.bin']), 'my-model.json'), binFile(weights, 'my-model.weights.bin')]);
  });

  it('two shards in one group, given in any order, and two groups load', async () => {
    // The split falls inside a float: a weight may span shards, as in TensorFlow.js' 4 MB shards.
    const shards = [binFile(weights.slice(0, 30), 'group1-shard1of2.bin'), binFile(weights.slice(30), 'group1-shard2of2.bin')];
    const json = jsonFile(modelJSON(['group1-shard1of2.bin', 'group1-shard2of2.bin']));
    await loads([json, ...shards]);
    await loads([json, shards[1], shards[0]]);

    // Two groups: the first layer's kernel and bias (60 bytes), then the second layer's in two shards.
    const specs = artifacts.weightSpecs ?? [];
    const grouped: ModelJSON = {
      ...modelJSON([]),
      weightsManifest: [
        { paths: ['a/g1.bin'], weights: specs.slice(0, 2) },
        { paths: ['b/g2-1.bin', 'b/g2-2.bin'], weights: specs.slice(2) },
      ],
    };
    await loads([
      jsonFile(grouped),
      binFile(weights.slice(60, 70), 'g2-1.bin'),
      binFile(weights.slice(0, 60), 'g1.bin'),
      binFile(weights.slice(70), 'g2-2.bin'),
    ]);
  });

  it('matches shards by basename, as TensorFlow.js does', async () => {
    await loads([jsonFile(modelJSON(['https://example.com/models/w/weights.bin'])), binFile(weights, 'weights.bin')]);
    await loads([jsonFile(modelJSON(['./sub/weights.bin'])), binFile(weights, 'downloads/weights.bin')]);
  });
});

describe('io.browserFiles refuses file lists that do not fit the model JSON', () => {
  const good = () => jsonFile(modelJSON(['./model.weights.bin']));
  const shard = () => binFile(weights, 'model.weights.bin');
  const wanted = 'expected a list of File objects: the model JSON first, then its weight shards';

  it('no files, or something other than Files', () => {
    expectArgumentError([], `browserFiles: ${wanted}; got an empty list`);
    expectArgumentError(undefined, `browserFiles: ${wanted}; got undefined`);
    expectArgumentError('model.json', `browserFiles: ${wanted}; got the string "model.json"`);
    expectArgumentError([good(), new Blob([weights])], `browserFiles: files[1] is a Blob, not a File; ${wanted}`);
    expectArgumentError([{ name: 'model.json' }], `browserFiles: files[0] is a plain object, not a File; ${wanted}`);
  });

  it('the model JSON missing, or not first', async () => {
    // Only weight files: the first is read as the JSON, and the message says why it is refused.
    expectArgumentError(
      [shard(), good()],
      'browserFiles: files[0] is "model.weights.bin" but files[1] is "model.json"; the model JSON must come first, then its weight shards',
    );
    await expectRefused(
      [shard()],
      'loadModel: browserFiles file "model.weights.bin" is not valid JSON; browserFiles reads the first file as the model JSON, then its weight shards: got files "model.weights.bin"',
    );
    // A large shard in the JSON's place is refused from its size, and not read.
    await expectRefused(
      [new Unreadable('model.weights.bin', 2 ** 40)],
      `loadModel: browserFiles file "model.weights.bin" is ${2 ** 40} bytes; a model.json may be at most 33554432 bytes (32 MiB): it holds the topology and the weights manifest, the weights belong in shard files; browserFiles reads the first file as the model JSON, then its weight shards: got files "model.weights.bin"`,
    );
  });

  it('a JSON file that is not a layers-model JSON', async () => {
    await expectRefused(
      [jsonFile(JSON.stringify(modelJSON(['w.bin'])).slice(0, 100))],
      /^loadModel: browserFiles file "model.json" is not valid JSON \(truncated or corrupt\?\): /,
    );
    await expectRefused([jsonFile('[1, 2]')], 'loadModel: browserFiles file "model.json" must hold a JSON object');
    await expectRefused(
      [jsonFile('{"weightsManifest": []}', 'weights.json')],
      'loadModel: browserFiles file "weights.json" has no modelTopology object',
    );
    await expectRefused(
      [jsonFile({ ...modelJSON([]), format: 'graph-model' })],
      `loadModel: browserFiles file "model.json" has format "graph-model"; Tensile loads 'layers-model' (graph models are not supported)`,
    );
  });

  it('a shard the manifest names but no file given has', async () => {
    await expectRefused(
      [good(), binFile(weights, 'weights.bin')],
      'loadModel: browserFiles file "model.json" names weight shard "./model.weights.bin", but browserFiles was given no file named "model.weights.bin"; the weight files given are "weights.bin"',
    );
    await expectRefused(
      [good()],
      'loadModel: browserFiles file "model.json" names weight shard "./model.weights.bin", but browserFiles was given no file named "model.weights.bin"; no weight files were given, only the model JSON',
    );
    await expectRefused(
      [jsonFile(modelJSON(['group1-shard1of2.bin', 'group1-shard2of2.bin'])), binFile(weights, 'group1-shard1of2.bin')],
      'loadModel: browserFiles file "model.json" names weight shard "group1-shard2of2.bin", but browserFiles was given no file named "group1-shard2of2.bin"; the weight files given are "group1-shard1of2.bin"',
    );
  });

  it('a file given that the manifest does not name', async () => {
    await expectRefused(
      [good(), shard(), binFile(weights, 'other.bin')],
      'loadModel: browserFiles was given weight file "other.bin", which browserFiles file "model.json"\'s weightsManifest does not name; it names "./model.weights.bin"',
    );
    await expectRefused(
      [jsonFile(modelJSON([])), binFile(new Uint8Array(0), 'a.bin'), binFile(new Uint8Array(0), 'b.bin')],
      // A manifest with weights but no shard paths is refused first; with no weights, the files are the problem.
      'loadModel: browserFiles file "model.json" weightsManifest[0] lists weights but no shard paths',
    );
    await expectRefused(
      [jsonFile({ ...modelJSON([]), weightsManifest: [] }), binFile(new Uint8Array(0), 'a.bin'), binFile(new Uint8Array(0), 'b.bin')],
      'loadModel: browserFiles was given weight files "a.bin", "b.bin", which browserFiles file "model.json"\'s weightsManifest does not name; it names no weight shards',
    );
  });

  it('duplicate basenames, among the files or in the manifest', async () => {
    expectArgumentError(
      [good(), shard(), binFile(weights, 'model.weights.bin')],
      `browserFiles: files[1] ("model.weights.bin") and files[2] ("model.weights.bin") share the basename "model.weights.bin"; weight shards are matched to the manifest's paths by basename, so each may be given once`,
    );
    expectArgumentError(
      [good(), binFile(weights, 'a/w.bin'), binFile(weights, 'w.bin')],
      `browserFiles: files[1] ("a/w.bin") and files[2] ("w.bin") share the basename "w.bin"; weight shards are matched to the manifest's paths by basename, so each may be given once`,
    );
    await expectRefused(
      [jsonFile(modelJSON(['a/w.bin', 'b/w.bin'])), binFile(weights, 'w.bin')],
      'loadModel: browserFiles file "model.json" names weight shards "a/w.bin" and "b/w.bin", which share the basename "w.bin"; browserFiles matches shards to files by basename, so it cannot tell them apart',
    );
  });

  it('a shard larger or smaller than the manifest describes, before reading it', async () => {
    await expectRefused(
      [good(), binFile(weights.slice(0, 20), 'model.weights.bin')],
      `loadModel: browserFiles file "model.json" weightsManifest[0] describes ${BYTES} bytes of weights, but weight shard "model.weights.bin" holds 20 bytes (truncated or corrupt shard?)`,
    );
    await expectRefused(
      [good(), binFile(new Uint8Array(BYTES + 4), 'model.weights.bin')],
      `loadModel: browserFiles file "model.json" weightsManifest[0] describes ${BYTES} bytes of weights, but weight shard "model.weights.bin" holds ${BYTES + 4} bytes (not the shard this manifest describes?)`,
    );
    await expectRefused(
      [jsonFile(modelJSON(['s1.bin', 's2.bin'])), binFile(weights, 's1.bin'), binFile(weights.slice(0, 8), 's2.bin')],
      `loadModel: browserFiles file "model.json" weightsManifest[0] describes ${BYTES} bytes of weights, but its shards "s1.bin", "s2.bin" hold ${BYTES + 8} bytes (not the shard this manifest describes?)`,
    );
    // A 1 TiB file is refused from its size alone: Unreadable fails the load if it is read.
    await expectRefused(
      [good(), new Unreadable('model.weights.bin', 2 ** 40)],
      `loadModel: browserFiles file "model.json" weightsManifest[0] describes ${BYTES} bytes of weights, but weight shard "model.weights.bin" holds ${2 ** 40} bytes (not the shard this manifest describes?)`,
    );
  });

  it('a JSON file over the model.json size limit, before reading it', async () => {
    const tooLarge = (bytes: number) =>
      `loadModel: browserFiles file "model.json" is ${bytes} bytes; a model.json may be at most 33554432 bytes (32 MiB): it holds the topology and the weights manifest, the weights belong in shard files`;
    await expectRefused([new File([new Uint8Array(MAX_MODEL_JSON_BYTES + 1)], 'model.json'), shard()], tooLarge(MAX_MODEL_JSON_BYTES + 1));
    await expectRefused([new Unreadable('model.json', 2 ** 40), shard()], tooLarge(2 ** 40));
  });
});
