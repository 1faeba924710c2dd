// Who may run /class: Discord hides the command from members without Manage Server (its
// default_member_permissions), but a server can hand it to anyone in its integration settings,
// so every call is checked here too: Manage Server (or Administrator), or the instructor role
// the class chose.

/** Discord's permission bits this check needs (the values of PermissionFlagsBits). */
export const ADMINISTRATOR = 1n << 3n;
export const MANAGE_GUILD = 1n << 5n;

export interface MemberFacts {
  /** The member's permissions in the channel, as Discord sends them with the interaction. */
  permissions: bigint | null;
  roleIds: readonly string[];
}

export function isInstructor(member: MemberFacts, instructorRoleId: string | null | undefined): boolean {
  const permissions = member.permissions ?? 0n;
  if ((permissions & ADMINISTRATOR) !== 0n || (permissions & MANAGE_GUILD) !== 0n) return true;
  return instructorRoleId !== null && instructorRoleId !== undefined && member.roleIds.includes(instructorRoleId);
}
