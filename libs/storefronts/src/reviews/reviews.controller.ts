import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal, isAdmin, Problem, UuidParam, type Principal } from '@souk/platform';
import { StorefrontsQuery } from '../storefronts/storefronts.query';
import {
  CreateReviewDto,
  HideReviewDto,
  ListReviewsQueryDto,
  ReplyDto,
  ReportReviewDto,
  UnhideReviewDto,
} from './dto/review.dto';
import { ReviewPageView, ReviewView } from './review.view';
import { ReviewsQuery } from './reviews.query';
import { ReviewsService } from './reviews.service';

type SignedIn = Principal & { kind: 'user' };

class ReportView {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ description: 'People who have reported it so far' }) reports: number;
}

/** Reviews of a product and of a storefront: public to read, verified buyers to write. */
@ApiTags('reviews')
@Controller('v1')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly lists: ReviewsQuery,
    private readonly storefronts: StorefrontsQuery,
  ) {}

  @Post('products/:id/reviews')
  @Auth()
  @ApiBearerAuth()
  @ApiCreatedResponse({
    type: ReviewView,
    description: 'Only a buyer whose order of it was delivered, once per order line',
  })
  create(
    @Param('id') product: string,
    @Body() dto: CreateReviewDto,
    @CurrentPrincipal() buyer: SignedIn,
  ): Promise<ReviewView> {
    return this.reviews.create(buyer.userId, product, dto);
  }

  @Get('products/:id/reviews')
  @ApiOkResponse({ type: ReviewPageView })
  async ofProduct(
    @Param('id') product: string,
    @Query() query: ListReviewsQueryDto,
  ): Promise<ReviewPageView> {
    const id = await this.lists.productId(product);
    if (!id) throw Problem.notFound('Product', product);
    return this.lists.list('product', id, query);
  }

  @Get('storefronts/:slug/reviews')
  @ApiOkResponse({ type: ReviewPageView, description: 'Reviews of every product of the storefront' })
  async ofStorefront(
    @Param('slug') slug: string,
    @Query() query: ListReviewsQueryDto,
  ): Promise<ReviewPageView> {
    const id = await this.storefronts.idOfSlug(slug);
    if (!id) throw Problem.notFound('Storefront', slug);
    return this.lists.list('cooperative', id, query);
  }

  @Get('reviews/:id')
  @ApiOkResponse({
    type: ReviewView,
    description: 'Hidden reviews only to admins, who also see their moderation',
  })
  one(@UuidParam('id') id: string, @CurrentPrincipal() principal?: Principal): Promise<ReviewView> {
    return this.reviews.one(id, isAdmin(principal));
  }

  @Post('reviews/:id/reply')
  @Auth()
  @ApiBearerAuth()
  @ApiCreatedResponse({
    type: ReviewView,
    description: 'Members of the cooperative that sold it, once per review',
  })
  reply(
    @UuidParam('id') id: string,
    @Body() dto: ReplyDto,
    @CurrentPrincipal() member: SignedIn,
  ): Promise<ReviewView> {
    return this.reviews.reply(member.userId, id, dto.text);
  }

  @Post('reviews/:id/hide')
  @HttpCode(200)
  @Auth({ roles: ['admin'] })
  @ApiBearerAuth()
  @ApiOkResponse({ type: ReviewView })
  hide(
    @UuidParam('id') id: string,
    @Body() dto: HideReviewDto,
    @CurrentPrincipal() admin: SignedIn,
  ): Promise<ReviewView> {
    return this.reviews.hide(admin.userId, id, dto.reason);
  }

  @Post('reviews/:id/unhide')
  @HttpCode(200)
  @Auth({ roles: ['admin'] })
  @ApiBearerAuth()
  @ApiOkResponse({ type: ReviewView })
  unhide(
    @UuidParam('id') id: string,
    @Body() dto: UnhideReviewDto,
    @CurrentPrincipal() admin: SignedIn,
  ): Promise<ReviewView> {
    return this.reviews.unhide(admin.userId, id, dto.reason);
  }

  @Post('reviews/:id/reports')
  @Auth()
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: ReportView, description: 'Once per person' })
  report(
    @UuidParam('id') id: string,
    @Body() dto: ReportReviewDto,
    @CurrentPrincipal() reporter: SignedIn,
  ): Promise<ReportView> {
    return this.reviews.report(reporter.userId, id, dto.reason);
  }

  @Delete('reviews/:id')
  @HttpCode(204)
  @Auth()
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Its author, or an admin' })
  async delete(@UuidParam('id') id: string, @CurrentPrincipal() user: SignedIn): Promise<void> {
    await this.reviews.delete(user.userId, isAdmin(user), id);
  }
}
