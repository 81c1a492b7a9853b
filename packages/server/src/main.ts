import { MODULES } from './modules.js';
import { serve } from './serve.js';

serve(MODULES);
