/** Text a buyer reads, stored per locale (DESIGN.md: fr, en and ar at least). */
export interface Localized {
  readonly fr: string;
  readonly en: string;
  readonly ar: string;
}
