import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { SoukConfig } from '@souk/platform';
import { resolvePaymentsSettings, SIMULATOR, type PaymentsSettings } from '../config/payments-settings';
import { GatewaySimulator } from './gateway-simulator';

export interface PaymentsRuntime {
  settings: PaymentsSettings;
  /** The in-process simulator this process started, if any. */
  simulator: GatewaySimulator | null;
}

export const PAYMENTS_RUNTIME = Symbol('PAYMENTS_RUNTIME');

const log = new Logger('PaymentsSimulator');

/**
 * Resolves the settings (production refuses the simulator here) and, when an enabled provider has
 * no credentials, starts the gateway simulator and points the simulated providers at it. With a
 * fixed PAYMENTS_SIMULATOR_PORT already taken, the simulator of another Souk process is used.
 */
export async function startPaymentsRuntime(config: SoukConfig): Promise<PaymentsRuntime> {
  const settings = resolvePaymentsSettings(config);
  const simulated = settings.enabled.filter((p) => settings[p].simulated);
  if (simulated.length === 0) return { settings, simulator: null };
  let simulator: GatewaySimulator | null = null;
  let url: string;
  try {
    simulator = await GatewaySimulator.start({
      port: settings.simulatorPort,
      mastercard: {
        merchantId: settings.mastercard.merchantId,
        apiPassword: settings.mastercard.apiPassword,
        notificationSecret: settings.mastercard.notificationSecret,
        currencies: settings.mastercard.currencies,
      },
      cmi: {
        clientId: settings.cmi.clientId,
        storeKey: settings.cmi.storeKey,
        apiUser: settings.cmi.apiUser,
        apiPassword: settings.cmi.apiPassword,
      },
      stripe: {
        secretKey: settings.stripe.secretKey,
        webhookSecret: settings.stripe.webhookSecret,
        webhookUrl: `${settings.publicUrl}/v1/payments/webhooks/stripe`,
      },
    });
    url = simulator.url;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || settings.simulatorPort === 0) throw err;
    url = `http://127.0.0.1:${settings.simulatorPort}`;
  }
  if (settings.mastercard.simulated && settings.mastercard.baseUrl === SIMULATOR)
    settings.mastercard.baseUrl = url;
  if (settings.cmi.simulated) {
    settings.cmi.gatewayUrl = `${url}/fim/est3Dgate`;
    settings.cmi.apiUrl = `${url}/fim/api`;
  }
  if (settings.stripe.simulated) settings.stripe.apiUrl = url;
  log.warn(
    `payments run against the gateway simulator at ${url} for ${simulated.join(', ')}: no card is charged ` +
      `(set the providers' URLs and secrets to use the real gateways)`,
  );
  return { settings, simulator };
}

/** Stops the simulator with the application. */
@Injectable()
export class SimulatorCloser implements OnApplicationShutdown {
  constructor(@Inject(PAYMENTS_RUNTIME) private readonly runtime: PaymentsRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.simulator?.close();
  }
}
