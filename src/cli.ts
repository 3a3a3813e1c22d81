#!/usr/bin/env node
import { mainAsync } from './cli/main.js';

// A reader that goes away (`model-budget analyze ... | head`) ends the output quietly.
const quietOnEpipe = (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
};
process.stdout.on('error', quietOnEpipe);
process.stderr.on('error', quietOnEpipe);

process.exitCode = await mainAsync(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
