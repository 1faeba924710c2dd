// docker port: where a container's ports are published on the host.
import { DockerError, notFound } from '../../errors';
import { findContainer } from '../../ops/containers';
import { printDaemonError, type Invocation } from '../invocation';
import { portLines } from '../ports';

export function port(inv: Invocation): number {
  const [name = '', wanted] = inv.cmd.args;
  try {
    const container = findContainer(inv.ctx, name);
    const lines = portLines(container, wanted);
    if (wanted !== undefined && lines.length === 0) {
      throw notFound(`No public port '${wanted.includes('/') ? wanted : `${wanted}/tcp`}' published for ${name}`, 'port.none');
    }
    inv.io.out(lines.map((line) => `${line}\n`).join(''));
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    if (error.code === 'port.none') inv.io.err(`Error: ${error.message}\n`);
    else printDaemonError(inv.io, error);
    return 1;
  }
}
