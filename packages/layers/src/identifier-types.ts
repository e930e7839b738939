/**
 * Type-level spellings of a name, so the string-literal unions of activations, losses, metrics,
 * initializers and optimizers list every spelling the resolvers accept (TF.js camelCase, Keras
 * snake_case, class names) and nothing else.
 */

/** 'glorotUniform' -> 'glorot_uniform'. */
export type CamelToSnake<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${CamelToSnake<Rest>}`
  : S;

/** 'categorical_crossentropy' -> 'categoricalCrossentropy'. */
export type SnakeToCamel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<SnakeToCamel<Tail>>}` : S;

/** A snake_case name as Keras, TF.js (camelCase) and a class name (PascalCase) spell it. */
export type SpellingsOfSnake<S extends string> = S | SnakeToCamel<S> | Capitalize<SnakeToCamel<S>>;

/** A camelCase name as TF.js, Keras (snake_case) and a class name (PascalCase) spell it. */
export type SpellingsOfCamel<S extends string> = S | CamelToSnake<S> | Capitalize<S>;
