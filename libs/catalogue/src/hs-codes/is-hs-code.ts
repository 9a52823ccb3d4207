import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { headingOf } from './headings';

/** "6912.00" and "6912 00 00" are how codes are often written; they are stored as digits only. */
export const NormalizeHsCode = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/[.\s]/g, '') : value,
  );

/** 6 to 10 digits whose first 6 are a heading in HS_HEADINGS. */
export const IsHsCode = () =>
  ValidateBy({
    name: 'isHsCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && headingOf(value) !== undefined,
      defaultMessage: (args) => {
        const value = args?.value;
        if (typeof value !== 'string' || !/^[0-9]{6,10}$/.test(value))
          return 'must be 6 to 10 digits (dots allowed, e.g. 6912.00)';
        return `${value.slice(0, 6)} is not a heading artisan goods use`;
      },
    },
  });
