export * from './storefronts.module';
export * from './regions';
export { StorefrontsQuery, type StorefrontFilters } from './storefronts/storefronts.query';
export { StorefrontView, StorefrontPageView, RegionView } from './storefronts/storefront.view';
export { CooperativeView } from './cooperatives/cooperative.view';
export {
  LEGAL_FORMS,
  MEMBER_ROLES,
  type LegalForm,
  type MemberRole,
  type LocalizedText,
} from './cooperatives/cooperative.entity';
export { ReviewsService, REVIEW_EVENTS, type ReviewEvent } from './reviews/reviews.service';
export { ReviewView, ReviewPageView } from './reviews/review.view';
export { plainText } from './reviews/plain-text';
