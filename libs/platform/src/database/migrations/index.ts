import { Foundation1764000000000 } from './1764000000000-Foundation';

/** Every migration, in order. New migrations are added here by hand so bundles and tests see the same list. */
export const MIGRATIONS = [Foundation1764000000000];
