// Running one line on the student's host and answering with its transcript: shared by /docker,
// /sh and the next-step buttons.
import { tr } from './i18n';
import type { ComponentHandler, ReplyContext } from './command';
import { LINE_BUTTON, notice, renderLineReply } from './render/line-reply';

export async function runLineAndReply(ctx: ReplyContext, line: string): Promise<void> {
  if (line.trim() === '') {
    await ctx.respond.send(notice(tr(ctx.locale, 'emptyLine')));
    return;
  }
  // Through learning: a Docker mistake made here brings the facts behind it up for review.
  const reply = await ctx.serial(() => ctx.services.learning.runLine(ctx.student, line));
  await ctx.respond.send(renderLineReply(line, reply, ctx.services.payloads));
}

/** `docker ps`, `ps -a`, `docker` → a docker line (the prefix is optional in /docker). */
export function dockerLine(typed: string): string {
  const trimmed = typed.trim();
  return /^docker(\s|$)/.test(trimmed) ? trimmed : `docker ${trimmed}`.trimEnd();
}

/** A next-step button: runs its line on the host of the student who got the reply. */
export const lineButton: ComponentHandler = {
  async handle(ctx) {
    const owner = ctx.interaction.message?.interactionMetadata?.user.id;
    if (owner && owner !== ctx.student.userId) {
      await ctx.respond.fail(notice(tr(ctx.locale, 'notYourButton')));
      return;
    }
    const line = ctx.services.payloads.decode(ctx.data);
    if (line === undefined) {
      await ctx.respond.fail(notice(tr(ctx.locale, 'buttonExpired')));
      return;
    }
    await runLineAndReply(ctx, line);
  },
};

export { LINE_BUTTON };
