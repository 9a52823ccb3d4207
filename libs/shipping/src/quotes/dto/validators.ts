import { ValidateBy } from 'class-validator';

/** An integer within bounds, answered with one message (IsInt + Min + Max would each add theirs). */
export const IsIntBetween = (min: number, max: number, message: string) =>
  ValidateBy({
    name: 'isIntBetween',
    validator: {
      validate: (value: unknown) =>
        Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
      defaultMessage: () => message,
    },
  });

/** A list of min to max entries, answered with one message: missing, too few or too many. */
export const IsList = (
  min: number,
  max: number,
  messages: { notList: string; tooFew: string; tooMany: string },
) =>
  ValidateBy({
    name: 'isList',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.length >= min && value.length <= max,
      defaultMessage: (args) =>
        !Array.isArray(args?.value)
          ? messages.notList
          : args!.value.length < min
            ? messages.tooFew
            : messages.tooMany,
    },
  });
