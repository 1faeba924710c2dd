// Daemon errors in moby's categories (errdefs). The message is Docker's exact text; the CLI
// layer adds "Error response from daemon: " and picks the exit code.

export type DockerErrorKind = 'NotFound' | 'Conflict' | 'InvalidParameter' | 'Forbidden' | 'Unavailable' | 'System' | 'LimitReached';

export class DockerError extends Error {
  readonly kind: DockerErrorKind;
  /** Facts the mistake touches, so reviews can follow up on it. */
  readonly facts: string[];
  /** A stable name for the explainer (`container.remove-running`). */
  readonly code: string;

  constructor(kind: DockerErrorKind, message: string, code: string = kind, facts: string[] = []) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.facts = facts;
  }
}

export const notFound = (message: string, code = 'not-found', facts: string[] = []) => new DockerError('NotFound', message, code, facts);
export const conflict = (message: string, code = 'conflict', facts: string[] = []) => new DockerError('Conflict', message, code, facts);
export const invalid = (message: string, code = 'invalid', facts: string[] = []) => new DockerError('InvalidParameter', message, code, facts);
export const forbidden = (message: string, code = 'forbidden', facts: string[] = []) => new DockerError('Forbidden', message, code, facts);
/** A Baleia limit (not Docker's): its message explains the cap in plain words. */
export const limitReached = (message: string, code = 'limit') => new DockerError('LimitReached', message, code);
