// The simulated programs every machine may run (each only where the machine ships it).
import type { CustomCommand } from 'just-bash';
import { goProgram } from '../../build/go-program';
import { binaryDispatcher, nginxProgram } from './binary';
import { curlTool } from './curl';
import { psTool } from './ps';
import { starterTool } from './starter';
import { dateTool, hostnameTool, idTool, unameTool, whoamiTool } from './system-info';
import type { ToolContext } from './tool-context';
import { wgetRun, wgetTool } from './wget';

export function machineTools(tc: ToolContext): CustomCommand[] {
  return [
    curlTool(tc),
    psTool(tc),
    dateTool(tc),
    hostnameTool(tc),
    idTool(tc),
    unameTool(tc),
    whoamiTool(tc),
    wgetTool(tc),
    binaryDispatcher(tc, { nginx: nginxProgram(), wget: wgetRun(tc), go: goProgram(tc) }),
    // Baleia's own command, on the student's host only.
    ...(tc.container === null ? [starterTool(tc)] : []),
  ];
}
