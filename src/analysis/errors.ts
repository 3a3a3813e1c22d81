import { UserError } from '../errors.js';

/** A structural problem in a graph (cycle, dangling input, absurd dims): bad input, not a bug. */
export class GraphError extends UserError {
  constructor(message: string) {
    super('', message);
    this.name = 'GraphError';
  }
}
