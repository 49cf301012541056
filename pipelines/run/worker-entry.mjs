// Worker bootstrap: a worker thread does not inherit the tsx loader the main thread was started with
// (under `npm run pipeline`, vitest or plain node), so register tsx here and then load the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
