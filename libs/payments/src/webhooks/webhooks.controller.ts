import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { escapeHtml } from '../simulator/http-kit';
import { UuidParam } from '@souk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PaymentsService } from '../payments.service';
import { WebhooksService } from './webhooks.service';

type RawRequest = FastifyRequest & { rawBody?: Buffer };

@ApiTags('payments')
@Controller('v1/payments')
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly payments: PaymentsService,
  ) {}

  /** Gateways deliver in bursts and retry on their own schedule: they are not rate-limited here. */
  @Post('webhooks/:provider')
  @SkipThrottle()
  @ApiOperation({
    summary:
      'Notifications from a payment provider (mastercard, cmi, stripe); raw body, signature or secret checked',
  })
  @ApiOkResponse({
    description: "Acknowledged in the provider's own terms (CMI: ACTION=POSTAUTH, APPROVED or FAILURE)",
  })
  async receive(
    @Param('provider') provider: string,
    @Req() req: RawRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const answer = await this.webhooks.receive(provider, req.rawBody, req.headers);
    await reply.status(answer.status).header('content-type', answer.contentType).send(answer.body);
  }

  /**
   * Where the gateway sends the buyer's browser back: the payment is retrieved (never trusted from
   * the query string), then the buyer goes on to the order's page, or sees a plain status page.
   */
  @Get(':id/return')
  @ApiExcludeEndpoint()
  returnGet(@UuidParam('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    return this.comeBack(id, reply);
  }

  @Post(':id/return')
  @ApiExcludeEndpoint()
  returnPost(@UuidParam('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    return this.comeBack(id, reply);
  }

  private async comeBack(id: string, reply: FastifyReply): Promise<void> {
    const payment = await this.payments.refresh(id);
    const row = await this.payments.load(id);
    if (row.return_url) {
      const next = new URL(row.return_url);
      next.searchParams.set('payment', payment.id);
      next.searchParams.set('status', payment.status);
      await reply.status(303).header('location', next.toString()).send();
      return;
    }
    const simulated = row.simulated ? '<p><em>Simulated payment: no card was charged.</em></p>' : '';
    await reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .send(
        `<!doctype html><html><body style="font-family:system-ui;max-width:32rem;margin:3rem auto">` +
          `<h1>Payment ${escapeHtml(payment.status.replace(/_/g, ' '))}</h1>` +
          `<p>Order reference <code>${escapeHtml(row.reference)}</code></p>${simulated}</body></html>`,
      );
  }
}
