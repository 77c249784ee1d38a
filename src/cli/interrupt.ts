import { EXIT } from "./exit-codes.js";

/**
 * First Ctrl-C: finish the unit of work in progress (`unit`: "batch", "page"), then stop cleanly;
 * second: quit at once. Both leave a resumable state. Returns the function that stops listening.
 */
export function interruptOnCtrlC(
  controller: AbortController,
  unit: string,
  note: (message: string) => void,
): () => void {
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    note(`stopping after the ${unit} in progress (Ctrl-C again to quit now; run again to resume)`);
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  return () => process.off("SIGINT", onSigint);
}
