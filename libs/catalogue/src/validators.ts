import { ValidateBy } from 'class-validator';

/**
 * An integer within bounds, answered with one message (IsInt + Min + Max would each add theirs).
 * `tooBig`, when given, is the message for integers above `max`.
 */
export const IsIntBetween = (min: number, max: number, message: string, tooBig?: string) =>
  ValidateBy({
    name: 'isIntBetween',
    validator: {
      validate: (value: unknown) =>
        Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
      defaultMessage: (args) =>
        tooBig && Number.isInteger(args?.value) && (args!.value as number) > max ? tooBig : message,
    },
  });
