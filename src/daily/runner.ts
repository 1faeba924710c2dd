// Does what the class use cases say is due: posts claimed prompts to their channel and reveals
// closed ones. Every send is safe to repeat: a prompt is claimed in SQLite before it is sent,
// the send carries a Discord nonce with enforce_nonce (a retry within Discord's few minutes
// returns the first message instead of a second one), and a retry first looks in the channel
// for the message a crash may have left unrecorded.
import { DiscordAPIError, type Client, type Message, type SendableChannels } from 'discord.js';
import type { ClassUseCases } from '../app/class';
import type { Logger } from '../discord/logger';
import { NO_MENTIONS } from '../discord/responder';
import type { DailyPromptRow } from '../store/class';
import { DAILY_PREFIX, renderClosedPrompt, renderPrompt, renderReveal } from './render';

export interface DailyRunnerOptions {
  classes: ClassUseCases;
  client: Client;
  log: Logger;
  /** Milliseconds since the epoch; the same clock as the use cases. */
  clock: () => number;
}

export interface DailyRunReport {
  posted: number[];
  revealed: number[];
  failed: { id: number; error: string }[];
}

/** Discord nonces are at most 25 characters; prompt ids are unique for the life of the database. */
export const promptNonce = (id: number) => `baleia-daily-${id}`;
export const revealNonce = (id: number) => `baleia-reveal-${id}`;

/** How far back in the channel a retry looks for a message sent before a crash. */
const LOOK_BACK = 50;
const UNKNOWN_MESSAGE = 10008;

export function createDailyRunner(options: DailyRunnerOptions) {
  const { classes, client, log } = options;

  async function channelOf(prompt: DailyPromptRow): Promise<SendableChannels> {
    const channel = await client.channels.fetch(prompt.channelId);
    if (!channel || !channel.isSendable()) throw new Error(`channel ${prompt.channelId} is gone or not a text channel`);
    return channel;
  }

  async function recentFromBot(channel: SendableChannels): Promise<Message[]> {
    if (!('messages' in channel)) return [];
    try {
      const messages = await channel.messages.fetch({ limit: LOOK_BACK });
      return [...messages.values()].filter((message) => message.author.id === client.user?.id);
    } catch (error) {
      // Without Read Message History the nonce alone guards against a repeat.
      log.warn({ err: error, channel: channel.id }, 'could not read the class channel to find an earlier post');
      return [];
    }
  }

  const isPromptMessage = (message: Message, prompt: DailyPromptRow) =>
    message.components.some((row) => 'components' in row && row.components.some((c) => 'customId' in c && typeof c.customId === 'string' && c.customId.startsWith(`${DAILY_PREFIX}:${prompt.id}:`)));

  async function post(prompt: DailyPromptRow): Promise<void> {
    const content = classes.promptContent(prompt);
    if (!content) throw new Error(`question ${prompt.questionId} is no longer in the course`);
    const channel = await channelOf(prompt);
    if (prompt.postAttempts > 0) {
      const earlier = (await recentFromBot(channel)).find((message) => isPromptMessage(message, prompt));
      if (earlier) {
        classes.markPosted(prompt.id, earlier.id);
        log.info({ prompt: prompt.id, message: earlier.id }, 'daily prompt had been posted before a restart');
        return;
      }
    }
    classes.countPostAttempt(prompt.id);
    const message = await channel.send({ ...renderPrompt(prompt, content), nonce: promptNonce(prompt.id), enforceNonce: true, allowedMentions: NO_MENTIONS });
    classes.markPosted(prompt.id, message.id);
    log.info({ scope: prompt.scope, day: prompt.day, prompt: prompt.id, question: prompt.questionId, message: message.id }, 'daily prompt posted');
  }

  async function reveal(prompt: DailyPromptRow): Promise<void> {
    const content = classes.promptContent(prompt);
    const results = classes.results(prompt);
    if (!content || !results) {
      classes.markRevealed(prompt.id, null);
      return;
    }
    const channel = await channelOf(prompt);
    if (prompt.messageId && 'messages' in channel) {
      try {
        await channel.messages.edit(prompt.messageId, { ...renderClosedPrompt(prompt, content, results), allowedMentions: NO_MENTIONS });
      } catch (error) {
        if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_MESSAGE)) throw error;
      }
    }
    if (prompt.revealAttempts > 0) {
      const earlier = (await recentFromBot(channel)).find((message) => message.reference?.messageId === prompt.messageId && message.id !== prompt.messageId);
      if (earlier) {
        classes.markRevealed(prompt.id, earlier.id);
        return;
      }
    }
    classes.countRevealAttempt(prompt.id);
    const message = await channel.send({
      ...renderReveal(prompt, content, results),
      nonce: revealNonce(prompt.id),
      enforceNonce: true,
      allowedMentions: NO_MENTIONS,
      ...(prompt.messageId && { reply: { messageReference: prompt.messageId, failIfNotExists: false } }),
    });
    classes.markRevealed(prompt.id, message.id);
    log.info({ scope: prompt.scope, prompt: prompt.id, answers: results.answers, correct: results.correct }, 'daily prompt revealed');
  }

  /** Everything due at the runner's clock, one item at a time; failures are kept for the next run. */
  async function runDue(): Promise<DailyRunReport> {
    const report: DailyRunReport = { posted: [], revealed: [], failed: [] };
    for (const item of classes.dailyWork(options.clock())) {
      try {
        if (item.kind === 'post') {
          await post(item.prompt);
          report.posted.push(item.prompt.id);
        } else {
          await reveal(item.prompt);
          report.revealed.push(item.prompt.id);
        }
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        log.warn({ err: error, prompt: item.prompt.id, kind: item.kind }, 'daily prompt: sending failed, will retry');
        classes.noteFailure(item.prompt.id, text);
        report.failed.push({ id: item.prompt.id, error: text });
      }
    }
    return report;
  }

  return { runDue };
}

export type DailyRunner = ReturnType<typeof createDailyRunner>;
