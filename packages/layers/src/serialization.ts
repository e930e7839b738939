/**
 * Keras JSON: the key casing of saved configs (snake_case on disk, camelCase in TypeScript), a
 * typed reader for configs that come from files, and the registry of layer classes that
 * `fromConfig` and `loadModel` look class names up in.
 */
import { ModelFormatError, type JsonValue } from '@tensile/core';
import type { Layer } from './layer.js';

export type { JsonPrimitive, JsonValue } from '@tensile/core';
export type ConfigDict = { [key: string]: JsonValue };

/** A serialized object (initializer, regularizer, layer): `{className, config}` in camelCase. */
export interface SerializedObject {
  className: string;
  config: ConfigDict;
}

export function isConfigDict(v: JsonValue | undefined): v is ConfigDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `kernelSize` -> `kernel_size`, as Keras and TensorFlow.js write config keys. */
export function camelToSnake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a}_${b.toLowerCase()}`).toLowerCase();
}

/** `kernel_size` -> `kernelSize`. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `MaxPooling2D` -> `max_pooling2d`: Keras' default layer-name prefix. */
export function classNameToPrefix(className: string): string {
  return className
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Converts every object key of a JSON value (deeply). */
export function convertKeys(value: JsonValue, convert: (key: string) => string): JsonValue {
  if (Array.isArray(value)) return value.map((v) => convertKeys(v, convert));
  if (!isConfigDict(value)) return value;
  const out: ConfigDict = {};
  for (const [k, v] of Object.entries(value)) out[convert(k)] = convertKeys(v, convert);
  return out;
}

export function toSnakeDict(config: ConfigDict): ConfigDict {
  const out = convertKeys(config, camelToSnake);
  return isConfigDict(out) ? out : {};
}

export function toCamelDict(config: ConfigDict): ConfigDict {
  const out = convertKeys(config, snakeToCamel);
  return isConfigDict(out) ? out : {};
}

/**
 * Reads typed fields from a config that may come from a file; a missing or mistyped field throws
 * `ModelFormatError` naming the class and the key.
 */
export class ConfigReader {
  constructor(
    readonly config: ConfigDict,
    readonly owner: string,
  ) {}

  private fail(key: string, expected: string): never {
    throw new ModelFormatError(`${this.owner}: config field '${key}' must be ${expected}, got ${JSON.stringify(this.config[key])}`);
  }

  has(key: string): boolean {
    return this.config[key] !== undefined && this.config[key] !== null;
  }

  raw(key: string): JsonValue | undefined {
    return this.config[key] ?? undefined;
  }

  number(key: string): number {
    const v = this.config[key];
    return typeof v === 'number' ? v : this.fail(key, 'a number');
  }

  optNumber(key: string): number | undefined {
    return this.has(key) ? this.number(key) : undefined;
  }

  optString(key: string): string | undefined {
    if (!this.has(key)) return undefined;
    const v = this.config[key];
    return typeof v === 'string' ? v : this.fail(key, 'a string');
  }

  optBoolean(key: string): boolean | undefined {
    if (!this.has(key)) return undefined;
    const v = this.config[key];
    return typeof v === 'boolean' ? v : this.fail(key, 'a boolean');
  }

  /** A number or an array of numbers (kernel sizes, strides). */
  optNumbers(key: string): number | number[] | undefined {
    if (!this.has(key)) return undefined;
    const v = this.config[key];
    if (typeof v === 'number') return v;
    if (Array.isArray(v) && v.every((d): d is number => typeof d === 'number')) return v;
    return this.fail(key, 'a number or an array of numbers');
  }

  /** A shape whose entries may be null (unknown batch size). */
  optShape(key: string): (number | null)[] | undefined {
    if (!this.has(key)) return undefined;
    const v = this.config[key];
    if (Array.isArray(v) && v.every((d): d is number | null => d === null || typeof d === 'number')) return v;
    return this.fail(key, 'an array of dimensions');
  }

  /** An identifier string or a serialized object, as activations and initializers are written. */
  optIdentifier(key: string): string | SerializedObject | undefined {
    if (!this.has(key)) return undefined;
    const v = this.config[key];
    if (typeof v === 'string') return v;
    if (isConfigDict(v) && typeof v.className === 'string') {
      return { className: v.className, config: isConfigDict(v.config) ? v.config : {} };
    }
    return this.fail(key, 'an identifier string or a {class_name, config} object');
  }
}

/** What the registry needs of a layer class: its name and a way to rebuild it from a config. */
export interface RegisteredLayerClass<L extends Layer = Layer> {
  readonly className: string;
  fromConfig(config: ConfigDict): L;
}

const layerRegistry = new Map<string, RegisteredLayerClass>();

/**
 * Registers a layer class under its static `className`, so `fromConfig` and `loadModel` can
 * rebuild it. Built-in layers register themselves; custom layers call this once.
 */
export function registerLayer<L extends Layer>(cls: RegisteredLayerClass<L>): RegisteredLayerClass<L> {
  if (typeof cls.className !== 'string' || cls.className.length === 0) {
    throw new ModelFormatError('registerLayer: the class needs a static className string');
  }
  layerRegistry.set(cls.className, cls);
  return cls;
}

export function getRegisteredLayer(className: string): RegisteredLayerClass | undefined {
  return layerRegistry.get(className);
}

export function registeredLayerNames(): string[] {
  return [...layerRegistry.keys()].sort();
}
