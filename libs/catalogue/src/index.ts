export * from './catalogue.module';
export * from './crafts';
export * from './hs-codes/headings';
