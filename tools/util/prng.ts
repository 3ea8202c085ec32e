// The seeded generator lives with the engine (src/engine/prng.ts), which uses it for learning.
export { mulberry32 } from '../../src/engine/prng';
