/** Where a command writes: human-readable lines, and with --json one JSON object at the very end. */
export interface Output {
  readonly json: boolean;
  /** A line for people (stderr under --json, so stdout ends with the JSON object alone). */
  line(text: string): void;
  /** The final result. */
  result(value: object, human: () => string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    line: (text) => (json ? process.stderr : process.stdout).write(`${text}\n`),
    result: (value, human) => {
      if (json) process.stdout.write(`${JSON.stringify(value)}\n`);
      else process.stdout.write(`${human()}\n`);
    },
  };
}
