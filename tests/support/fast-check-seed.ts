import fc from 'fast-check';

/**
 * Property tests run the same cases on every machine, so CI never fails at random: a fixed seed by
 * default; `FC_SEED=<n>` replays another (fast-check prints the seed and path of any failure), and
 * `FC_SEED=random` explores fresh cases locally.
 */
const wanted = process.env.FC_SEED;
if (wanted !== 'random') {
  const seed = wanted === undefined || wanted === '' ? 20261206 : Number(wanted);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${JSON.stringify(wanted)}`);
  fc.configureGlobal({ seed });
}
