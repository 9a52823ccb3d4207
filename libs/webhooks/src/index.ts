export * from './webhooks.module';
export * from './events';
export { signatureHeader, verifySignature, endpointSecret, SIGNATURE_HEADER } from './signature';
