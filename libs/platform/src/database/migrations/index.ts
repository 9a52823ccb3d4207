import { Foundation1764000000000 } from './1764000000000-Foundation';
import { MoneyAndOutbox1764050000000 } from './1764050000000-MoneyAndOutbox';

/** Every migration, in order. New migrations are added here by hand so bundles and tests see the same list. */
export const MIGRATIONS = [Foundation1764000000000, MoneyAndOutbox1764050000000];
