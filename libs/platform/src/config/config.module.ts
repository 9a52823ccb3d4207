import { DynamicModule, Global, Module } from '@nestjs/common';
import type { SoukConfig } from './env';

export const SOUK_CONFIG = Symbol('SOUK_CONFIG');

/** Makes the validated configuration injectable everywhere as SOUK_CONFIG. */
@Global()
@Module({})
export class SoukConfigModule {
  static forRoot(config: SoukConfig): DynamicModule {
    return {
      module: SoukConfigModule,
      providers: [{ provide: SOUK_CONFIG, useValue: config }],
      exports: [SOUK_CONFIG],
    };
  }
}
