// Answers one interaction within Discord's 3 seconds: directly when the work is quick, else a
// deferral ("Baleia is thinking…") sent on a timer and then edited into the real reply. Every
// message goes out with allowed_mentions parsing nothing, so no output can ping anyone.
import { MessageFlags, type ChatInputCommandInteraction, type MessageComponentInteraction, type ModalBuilder, type ModalSubmitInteraction, type RepliableInteraction } from 'discord.js';
import type { BotMessage } from './render/line-reply';

export const NO_MENTIONS = { parse: [] as never[] };

type State = 'idle' | 'deferring' | 'deferred' | 'replied';

export interface ResponderOptions {
  ephemeral: boolean;
  /** Defer when no reply went out after this long (Discord allows 3000 ms in all). */
  deferAfterMs: number;
  /** For buttons: the deferral keeps the clicked message as it is (type 6) instead of a new one. */
  deferUpdate?: boolean;
  onError?: (error: unknown) => void;
}

export class Responder {
  private state: State = 'idle';
  private deferral: Promise<unknown> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private updating = false;

  constructor(
    readonly interaction: RepliableInteraction,
    private readonly options: ResponderOptions,
  ) {}

  get ephemeral(): boolean {
    return this.options.ephemeral;
  }

  get acknowledged(): boolean {
    return this.state !== 'idle';
  }

  /** Starts the clock: defer if nothing was sent by `deferAfterMs`. */
  start(): void {
    if (this.timer || this.state !== 'idle') return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.defer().catch((error: unknown) => this.options.onError?.(error));
    }, this.options.deferAfterMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  async defer(): Promise<void> {
    if (this.state !== 'idle') return;
    this.stop();
    this.state = 'deferring';
    const interaction = this.interaction;
    if (this.options.deferUpdate && (interaction.isMessageComponent() || interaction.isModalSubmit())) {
      this.updating = true;
      this.deferral = (interaction as MessageComponentInteraction | ModalSubmitInteraction).deferUpdate();
    } else {
      this.deferral = interaction.deferReply(this.options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    }
    try {
      await this.deferral;
      this.state = 'deferred';
    } catch (error) {
      this.state = 'idle';
      throw error;
    }
  }

  /** The reply: sent now, or edited into the deferral. A second send edits it again. */
  async send(message: BotMessage): Promise<void> {
    this.stop();
    const payload = { ...message, allowedMentions: NO_MENTIONS };
    if (this.state === 'idle') {
      this.state = 'replied';
      try {
        await this.interaction.reply({ ...payload, ...(this.options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
      } catch (error) {
        this.state = 'idle';
        throw error;
      }
      return;
    }
    if (this.state === 'deferring') await this.deferral;
    if (this.updating) {
      // A deferUpdate keeps the clicked message; the answer is a new message.
      this.updating = false;
      await this.interaction.followUp({ ...payload, ...(this.options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
      this.state = 'replied';
      return;
    }
    await this.interaction.editReply(payload);
    this.state = 'replied';
  }

  /** Replaces the clicked message (buttons, modals opened from a message). */
  async update(message: BotMessage): Promise<void> {
    this.stop();
    const interaction = this.interaction;
    if (!interaction.isMessageComponent() && !(interaction.isModalSubmit() && interaction.isFromMessage())) {
      await this.send(message);
      return;
    }
    const payload = { components: [], ...message, allowedMentions: NO_MENTIONS };
    if (this.state === 'idle') {
      this.state = 'replied';
      try {
        await interaction.update(payload);
      } catch (error) {
        this.state = 'idle';
        throw error;
      }
      return;
    }
    if (this.state === 'deferring') await this.deferral;
    await interaction.editReply(payload);
    this.state = 'replied';
  }

  /** Acknowledges a click that should do nothing (a double click), leaving the message as it is. */
  async ignore(): Promise<void> {
    this.stop();
    const interaction = this.interaction;
    if (this.state !== 'idle' || !(interaction.isMessageComponent() || interaction.isModalSubmit())) return;
    this.state = 'replied';
    await interaction.deferUpdate();
  }

  /** Shows a modal; only possible as the very first answer. */
  async showModal(modal: ModalBuilder): Promise<void> {
    this.stop();
    if (this.state !== 'idle') throw new Error('a modal must be the first answer to an interaction');
    const interaction = this.interaction;
    if (!interaction.isChatInputCommand() && !interaction.isMessageComponent()) throw new Error('this interaction cannot open a modal');
    this.state = 'replied';
    try {
      await (interaction as ChatInputCommandInteraction | MessageComponentInteraction).showModal(modal);
    } catch (error) {
      this.state = 'idle';
      throw error;
    }
  }

  /** A short, kind error only the student sees, whatever state the answer was in. */
  async fail(message: BotMessage): Promise<void> {
    this.stop();
    const payload = { ...message, allowedMentions: NO_MENTIONS };
    if (this.state === 'deferring') await this.deferral?.catch(() => undefined);
    const interaction = this.interaction;
    if (!interaction.replied && !interaction.deferred) {
      this.state = 'replied';
      await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
    } else if (interaction.deferred && !interaction.replied && !this.updating) {
      await interaction.editReply(payload);
    } else {
      await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
    }
  }
}
