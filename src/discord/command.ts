// What a slash command module exports, what it is handed, and the zod predicate the loader
// checks each module with. A command is a thin shell: read options, call one use case, render.
import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { Baleia, StudentRef } from '../app/baleia';
import type { ClassUseCases } from '../app/class';
import type { FileUseCases } from '../app/files';
import type { KeyedLock } from '../app/keyed-lock';
import type { Learning } from '../app/learning';
import type { Locale } from '../content/common';
import type { ChannelSettings } from './channels';
import type { ClickGuard } from './clicks';
import type { Logger } from './logger';
import type { PayloadStore } from './payloads';
import type { Responder } from './responder';

/** Everything commands may use, built once when the bot starts. */
export interface BotServices {
  baleia: Baleia;
  files: FileUseCases;
  /** Lessons, quiz cards, labs, progress; its runLine feeds host mistakes to the reviews. */
  learning: Learning;
  /** The class: daily question settings and prompts, instructors' views. */
  classes: ClassUseCases;
  payloads: PayloadStore;
  channels: ChannelSettings;
  clicks: ClickGuard;
  /** One student's interactions run one at a time (also around file changes). */
  queue: KeyedLock;
  log: Logger;
  /** Official images students can pull (`nginx:latest`), for autocomplete. */
  officialImages: readonly string[];
}

interface BaseContext {
  services: BotServices;
  student: StudentRef;
  /** The student's language: their /settings choice, else their Discord client's. */
  readonly locale: Locale;
  log: Logger;
}

export interface ReplyContext extends BaseContext {
  respond: Responder;
  /** Runs work in the student's queue, after their earlier interactions. */
  serial<T>(work: () => Promise<T>): Promise<T>;
}

export interface CommandContext extends ReplyContext {
  interaction: ChatInputCommandInteraction;
}

export interface ComponentContext extends ReplyContext {
  interaction: ButtonInteraction | ModalSubmitInteraction;
  /** The custom_id after `<prefix>:`. */
  data: string;
}

export interface AutocompleteContext extends BaseContext {
  interaction: AutocompleteInteraction;
}

export interface ComponentHandler {
  handle(ctx: ComponentContext): Promise<void>;
  /** The answer replaces the clicked message (a deferral then keeps it as it is). */
  updatesMessage?: boolean;
}

export interface BotCommand {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(ctx: CommandContext): Promise<void>;
  autocomplete?(ctx: AutocompleteContext): Promise<ApplicationCommandOptionChoiceData<string>[]>;
  /** Buttons and modals whose custom_id starts with `<key>:`. */
  components?: Record<string, ComponentHandler>;
}

const isFunction = (value: unknown): boolean => typeof value === 'function';
const fn = z.custom<(...args: never[]) => unknown>(isFunction, 'must be a function');

/** The shape every module in commands/ must have (discord.js template's predicate, in zod). */
export const BotCommandSchema = z.object({
  data: z.object({
    name: z.string().regex(/^[-_a-z0-9]{1,32}$/, 'a lower-case command name of 1-32 characters'),
    toJSON: fn,
  }).loose(),
  execute: fn,
  autocomplete: fn.optional(),
  components: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,15}$/), z.object({ handle: fn, updatesMessage: z.boolean().optional() }).loose()).optional(),
});

export function isBotCommand(value: unknown): value is BotCommand {
  return BotCommandSchema.safeParse(value).success;
}
