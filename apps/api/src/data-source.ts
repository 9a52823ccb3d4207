import 'reflect-metadata';
import { dataSourceOptions } from '@souk/platform';
import { DataSource } from 'typeorm';

/**
 * For `npm run migration:generate -- <Name>` (TypeORM's CLI): the entities of every lib
 * against DATABASE_URL. The generated file lands in libs/platform/src/database/migrations;
 * review it, then list it in migrations/index.ts.
 */
if (!process.env.DATABASE_URL) throw new Error('migration:generate needs DATABASE_URL');
export default new DataSource({
  ...dataSourceOptions(process.env.DATABASE_URL),
  entities: [__dirname + '/../../../libs/*/src/**/*.entity.{ts,js}'],
});
