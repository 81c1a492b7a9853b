/** `@coffer/test-kit/smtp`: the loopback SMTP server, which lives in `@coffer/test-smtp` so that the services' own tests can use it without depending on the kit. */
export * from '@coffer/test-smtp';
