import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, Problem } from './problem';

/** Flattens class-validator's nested errors into `a.b[0].c` paths. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field: path,
      // class-validator starts messages with the property name; the path says it better
      message: message.startsWith(e.property + ' ') ? message.slice(e.property.length + 1) : message,
    }));
    return [...own, ...fieldErrors(e.children ?? [], path)];
  });
}

export function soukValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => Problem.validation(fieldErrors(errors)),
  });
}
