// A line's reply as a Discord message: the exact terminal transcript in a code block, a short
// "what just happened" with the course facts it touches, and buttons for the next step.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { LineReply } from '../../app/baleia';
import type { Locale } from '../../content/common';
import { tr } from '../i18n';
import { cut, LIMITS } from '../limits';
import type { PayloadStore } from '../payloads';
import { isHostPrompt, nextSteps } from './next-steps';
import { codeBlock, transcriptText } from './terminal';

export const COLOURS = { ok: 0x3ccf7a, error: 0xe5534b, limit: 0xf2b43c, info: 0x2496ed } as const;

/** The custom_id prefix of buttons that run a line on the clicker's host. */
export const LINE_BUTTON = 'line';

export interface BotMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  files?: Array<{ attachment: Buffer; name: string }>;
}

export function lineButtons(lines: Array<{ line: string; danger?: boolean }>, payloads: PayloadStore): APIActionRowComponent<APIButtonComponent>[] {
  if (lines.length === 0) return [];
  const buttons: APIButtonComponent[] = lines.slice(0, LIMITS.buttonsPerRow).map((step) => ({
    type: 2,
    style: step.danger ? 4 : 2,
    label: cut(step.line, LIMITS.buttonLabel),
    custom_id: payloads.encode(LINE_BUTTON, step.line),
  }));
  return [{ type: 1, components: buttons }];
}

export function renderLineReply(line: string, reply: LineReply, payloads: PayloadStore): BotMessage {
  const locale: Locale = reply.locale;
  const embed: APIEmbed = {
    color: reply.refused ? COLOURS.limit : reply.exitCode === 0 ? COLOURS.ok : COLOURS.error,
    description: codeBlock(transcriptText(reply.promptBefore, line, reply.chunks, reply.prompt), {
      max: LIMITS.embedDescription,
      moreLines: (n) => tr(locale, 'moreLines', { n }),
    }),
  };
  if (reply.refused) embed.title = tr(locale, 'refusedTitle');
  if (reply.explanation.sentences.length > 0) {
    embed.fields = [
      {
        name: tr(locale, 'whatHappened'),
        value: cut(reply.explanation.sentences.map((sentence) => `• ${sentence}`).join('\n'), LIMITS.fieldValue),
      },
    ];
  }
  const footer = [tr(locale, 'exitCode', { code: reply.exitCode })];
  if (reply.explanation.facts.length > 0) footer.push(`${tr(locale, 'facts')}: ${reply.explanation.facts.join(' ')}`);
  if (!isHostPrompt(reply.prompt)) footer.push(tr(locale, 'insideContainer'));
  embed.footer = { text: cut(footer.join(' · '), LIMITS.footer) };
  return { embeds: [embed], components: lineButtons(nextSteps(line, reply), payloads) };
}

/** A short message from Baleia itself (not terminal output), as an embed. */
export function notice(text: string, options: { title?: string; colour?: number } = {}): BotMessage {
  const embed: APIEmbed = { description: cut(text, LIMITS.embedDescription), color: options.colour ?? COLOURS.info };
  if (options.title) embed.title = cut(options.title, LIMITS.embedTitle);
  return { embeds: [embed] };
}
