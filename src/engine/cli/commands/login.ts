// docker login / logout. The class registry trusts the Discord identity, so no password is asked.
import { event } from '../../events';
import type { Invocation } from '../invocation';

export function login(inv: Invocation): number {
  inv.io.out('Authenticating with existing credentials... [Username: ' + inv.ctx.state.userName + ']\n');
  inv.io.out('Login Succeeded\n');
  inv.ctx.emit(event('registry.login', ['F03'], { user: inv.ctx.state.userName }));
  return 0;
}

export function logout(inv: Invocation): number {
  inv.io.out('Removing login credentials for https://index.docker.io/v1/\n');
  return 0;
}
