// Fixed CPU work for the parallel-capacity probe (plain JS: no loader, no start-up noise).
import { parentPort } from "node:worker_threads";

const t0 = performance.now();
let x = 0;
for (let k = 0; k < 2e8; k++) x += k % 7;
parentPort.postMessage({ ms: performance.now() - t0, x });
