import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@souk/catalogue';
import { CooperativeAccess } from './cooperatives/cooperative-access';
import { Cooperative, CooperativeInvitation, CooperativeMember } from './cooperatives/cooperative.entity';
import { CooperativesController } from './cooperatives/cooperatives.controller';
import { CooperativesService } from './cooperatives/cooperatives.service';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { RegionsController } from './regions.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { ReviewsQuery } from './reviews/reviews.query';
import { ReviewsService } from './reviews/reviews.service';
import { StorefrontsController } from './storefronts/storefronts.controller';
import { StorefrontsQuery } from './storefronts/storefronts.query';

/** Cooperatives, their members, their public storefronts and their products' reviews. Sql and TenancyService come from PlatformModule. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Cooperative, CooperativeMember, CooperativeInvitation]),
    CatalogueModule,
  ],
  controllers: [
    CooperativesController,
    MembersController,
    StorefrontsController,
    RegionsController,
    ReviewsController,
  ],
  providers: [
    CooperativesService,
    CooperativeAccess,
    MembersService,
    StorefrontsQuery,
    ReviewsQuery,
    ReviewsService,
  ],
  exports: [StorefrontsQuery, ReviewsService],
})
export class StorefrontsModule {}
