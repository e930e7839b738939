/** Base class of every error Tensile throws on purpose; `instanceof TensileError` catches them all. */
export class TensileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A shape or rank that an op or layer cannot accept. */
export class ShapeError extends TensileError {}

/** A dtype that an op or layer cannot accept. */
export class DTypeError extends TensileError {}

/** An argument other than a tensor (an axis, a size, an option) that is out of range or malformed. */
export class ArgumentError extends TensileError {}

/** A backend that cannot start here; the message says why and what to install. */
export class BackendUnavailableError extends TensileError {}

/** Tensors of one kernel call live on different backends; `await t.to(name)` moves them. */
export class BackendMismatchError extends TensileError {}

/** A tensor used after `dispose()`. */
export class DisposedError extends TensileError {}

/** A saved model that is truncated, corrupt, or not in the format it claims. */
export class ModelFormatError extends TensileError {}

/** A backend failure reported by the device (GPU validation error, device lost, addon error). */
export class BackendError extends TensileError {}

/**
 * Storage a backend cannot give: more than its per-tensor limit (`Backend.maxTensorBytes`), or
 * more than it has left. The message names the op, the bytes asked for and the limit.
 */
export class AllocationError extends BackendError {}

/**
 * Two copies of `@tensile/core` in one application (two versions installed, or a package that
 * brought its own): each has its own engine, so a backend registered with one is invisible to
 * the other. The message names both copies' versions and locations.
 */
export class DuplicateCoreError extends TensileError {}
