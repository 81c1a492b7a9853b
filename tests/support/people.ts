import { expectOk } from './api-assertions.js';
import { apiClient, type Api } from './platform.js';
import type { TestSmtpServer } from './smtp.js';

/** The password the people of the test suites sign up and in with: long enough, not common. */
export const TEST_PASSWORD = 'correct horse battery staple 7';

export interface Person {
  userId: string;
  email: string;
  accessToken: string;
  /** An API client signed in as the person (their session's access token). */
  api: Api;
}

/**
 * A person in an organisation, as people get there: `inviter` invites `email` with `role`, the
 * link is read from the message the SMTP server received, and the person accepts it (making their
 * account) and signs in.
 */
export async function invitePerson(options: {
  baseUrl: string;
  smtp: TestSmtpServer;
  inviter: Api;
  org: string;
  email: string;
  role?: string;
  name?: string;
}): Promise<Person> {
  const { baseUrl, smtp, inviter, org, email, role = 'member', name } = options;
  expectOk(await inviter('POST', `/orgs/${org}/invitations`, { body: { email, role } }), 201);
  const link = new URL((await smtp.nextMessage(email)).links[0]!);
  const anonymous = apiClient(baseUrl);
  const accepted = expectOk(
    await anonymous('POST', '/auth/invitations/accept', {
      body: { token: link.searchParams.get('token'), password: TEST_PASSWORD, ...(name ? { name } : {}) },
    }),
  );
  const accessToken = await signIn(baseUrl, email);
  return { userId: accepted.user.id as string, email, accessToken, api: apiClient(baseUrl, accessToken) };
}

/** A fresh session's access token for `email` (signed up with TEST_PASSWORD). */
export async function signIn(baseUrl: string, email: string): Promise<string> {
  return expectOk(await apiClient(baseUrl)('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } })).accessToken as string;
}
