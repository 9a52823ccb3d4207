/** Locales the country names are given in, as elsewhere in the marketplace. */
export const NAME_LOCALES = ['en', 'fr', 'ar'] as const;
export type NameLocale = (typeof NAME_LOCALES)[number];

/** ICU's region names (CLDR), which Node carries in every locale: no list to keep up to date here. */
const names = Object.fromEntries(
  NAME_LOCALES.map((locale) => [
    locale,
    new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }),
  ]),
) as Record<NameLocale, Intl.DisplayNames>;

/** "US" → "United States" (en), "États-Unis" (fr), "الولايات المتحدة" (ar); an unknown code stays as it is. */
export function countryName(code: string, locale: NameLocale = 'en'): string {
  try {
    return names[locale].of(code) ?? code;
  } catch {
    return code;
  }
}
