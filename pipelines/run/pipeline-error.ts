/** A run that cannot go on for a reason the person running it can fix (a missing folder, broken reference data): the CLI prints the message alone. */
export class PipelineError extends Error {}
