import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type Principal, Problem, SOUK_CONFIG, type SoukConfig, Sql } from '@souk/platform';
import type { Queue } from 'bullmq';
import type { CreateEndpointDto, CreatedEndpointDto, DeliveryDto, EndpointDto } from './dto/endpoint.dto';
import { WEBHOOK_QUEUE } from './events';
import { endpointSecret } from './signature';

const ENDPOINT = `id, url, events, description, cooperative_id AS "cooperativeId", created_at AS "createdAt",
  disabled_at AS "disabledAt"`;

/**
 * Partners' endpoints: an admin or an API key with `webhooks:manage` registers them; a key sees and
 * manages only its own, and a key bound to a cooperative only ever receives that cooperative's events.
 */
@Injectable()
export class EndpointsService {
  constructor(
    private readonly sql: Sql,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue,
  ) {}

  async create(principal: Principal, dto: CreateEndpointDto): Promise<CreatedEndpointDto> {
    if (this.config.NODE_ENV === 'production' && !dto.url.startsWith('https://')) {
      throw Problem.field('url', 'must be an https URL');
    }
    const created = await this.sql.one<EndpointDto & { secret_version: number }>(
      `INSERT INTO webhook_endpoint (url, events, description, cooperative_id, api_key_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ENDPOINT}, secret_version`,
      [
        dto.url,
        dto.events,
        dto.description ?? null,
        principal.kind === 'api-key' ? principal.cooperativeId : null,
        principal.kind === 'api-key' ? principal.keyId : null,
        principal.kind === 'user' ? principal.userId : null,
      ],
    );
    const { secret_version, ...endpoint } = created!;
    return {
      ...endpoint,
      secret: endpointSecret(this.config.WEBHOOK_SIGNING_KEY, endpoint.id, secret_version),
    };
  }

  list(principal: Principal): Promise<EndpointDto[]> {
    const [where, params] = this.ownership(principal);
    return this.sql.rows<EndpointDto>(
      `SELECT ${ENDPOINT} FROM webhook_endpoint WHERE ${where} ORDER BY created_at DESC, id DESC`,
      params,
    );
  }

  /** Stops deliveries to the endpoint; its log is kept. */
  async disable(principal: Principal, id: string): Promise<void> {
    await this.owned(principal, id);
    await this.sql.rows(
      `UPDATE webhook_endpoint SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1`,
      [id],
    );
  }

  /** The endpoint's latest deliveries, each with its attempts. */
  async deliveries(principal: Principal, id: string, limit = 50): Promise<DeliveryDto[]> {
    await this.owned(principal, id);
    return this.sql.rows<DeliveryDto>(
      `SELECT d.id, 'evt_' || d.event_id AS "eventId", d.event_type AS "eventType", d.status, d.attempts,
              d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.created_at AS "createdAt",
              d.delivered_at AS "deliveredAt",
              coalesce((SELECT json_agg(json_build_object('attemptedAt', a.attempted_at, 'statusCode', a.status_code,
                                                          'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.id)
                          FROM webhook_delivery_attempt a WHERE a.delivery_id = d.id), '[]') AS log
         FROM webhook_delivery d
        WHERE d.endpoint_id = $1
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT $2`,
      [id, limit],
    );
  }

  /** Sends a delivery again, whatever became of it; the log keeps every attempt. */
  async replay(principal: Principal, deliveryId: string): Promise<{ id: string; status: 'pending' }> {
    const found = await this.sql.one<{ endpoint_id: string }>(
      `SELECT endpoint_id FROM webhook_delivery WHERE id = $1`,
      [deliveryId],
    );
    if (!found) throw Problem.notFound('Webhook delivery', deliveryId);
    await this.owned(principal, found.endpoint_id);
    const delivery = (await this.sql.one<{ replays: number }>(
      `UPDATE webhook_delivery SET replays = replays + 1, status = 'pending' WHERE id = $1 RETURNING replays`,
      [deliveryId],
    ))!;
    await this.queue.add(
      'deliver',
      { deliveryId },
      {
        jobId: `d-${deliveryId}-r${delivery.replays}`,
        attempts: this.config.WEBHOOK_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.config.WEBHOOK_RETRY_BASE_MS },
      },
    );
    return { id: deliveryId, status: 'pending' };
  }

  private ownership(principal: Principal): [string, unknown[]] {
    if (isAdmin(principal)) return ['true', []];
    if (principal.kind === 'api-key') return ['api_key_id = $1', [principal.keyId]];
    return ['false', []];
  }

  /** 404 for endpoints the caller may not see, so their ids reveal nothing. */
  private async owned(principal: Principal, id: string): Promise<void> {
    const [where, params] = this.ownership(principal);
    const found = await this.sql.one(
      `SELECT 1 FROM webhook_endpoint WHERE id = $${params.length + 1} AND ${where}`,
      [...params, id],
    );
    if (!found) throw Problem.notFound('Webhook endpoint', id);
  }
}
