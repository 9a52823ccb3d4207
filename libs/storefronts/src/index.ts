export * from './storefronts.module';
