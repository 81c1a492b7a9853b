export { secretModule } from './module.js';
export { kmsModule, kmsSlice } from './kms-module.js';
export { MASTER_KEY_FILE } from './master-key.js';
export { secretAccess, secretHandlers } from './secret-grpc.js';
export { createSecretService, type SecretService, type Caller, type Scope } from './secret-service.js';
export { createSecretStore } from './secret-store.js';
export { createSecretSealer, type SecretSealer } from './secret-sealer.js';
