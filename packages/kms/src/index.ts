export type { KmsProvider, KekContext } from './provider.js';
export { createLocalKmsProvider, type LocalKmsProviderOptions } from './local-provider.js';
export { createKekStore, type KekStore, type KekRow, type NewKekRow, type KekState } from './kek-store.js';
export { createKeyring, KekNotFoundError, KekRetiredError, type Keyring, type KeyringOptions, type Kek } from './keyring.js';
