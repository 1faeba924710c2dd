// /file edit|show|list|delete|upload|template — the files in the student's home directory.
import {
  InteractionContextType,
  LabelBuilder,
  ModalBuilder,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type APIEmbed,
  type ChatInputCommandInteraction,
  type SlashCommandStringOption,
} from 'discord.js';
import { FileError, shownPath, templateText } from '../src/app/files';
import { humanSize } from '../src/engine/format/size';
import type { BotCommand, ComponentHandler, ReplyContext } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { cut, LIMITS } from '../src/discord/limits';
import { COLOURS, lineButtons, notice, type BotMessage } from '../src/discord/render/line-reply';
import { codeBlock, escapeBackticks } from '../src/discord/render/terminal';

/** Largest upload taken (the simulated host allows 1 MB per file; chat uploads stay small). */
export const UPLOAD_LIMIT = 256 * 1024;
const EDIT_PREFIX = 'file-edit';

const pathOption = (required: boolean, en: string, pt: string) => (option: SlashCommandStringOption) =>
  option
    .setName('path')
    .setNameLocalization('pt-BR', 'caminho')
    .setDescription(en)
    .setDescriptionLocalization('pt-BR', pt)
    .setRequired(required)
    .setMaxLength(300)
    .setAutocomplete(true);

const data = new SlashCommandBuilder()
  .setName('file')
  .setNameLocalization('pt-BR', 'arquivo')
  .setDescription('The files in your home directory (Dockerfile, app code, configuration)')
  .setDescriptionLocalization('pt-BR', 'Os arquivos da sua pasta pessoal (Dockerfile, código, configuração)')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addSubcommand((sub) =>
    sub
      .setName('edit')
      .setNameLocalization('pt-BR', 'editar')
      .setDescription('Open a file in an editor (a new one if it does not exist)')
      .setDescriptionLocalization('pt-BR', 'Abre um arquivo num editor (cria um novo se não existir)')
      .addStringOption(pathOption(true, 'Path inside your home directory, e.g. Dockerfile or app/main.py', 'Caminho na sua pasta pessoal, ex.: Dockerfile ou app/main.py')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('show')
      .setNameLocalization('pt-BR', 'mostrar')
      .setDescription('Show a file')
      .setDescriptionLocalization('pt-BR', 'Mostra um arquivo')
      .addStringOption(pathOption(true, 'Path inside your home directory', 'Caminho na sua pasta pessoal')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('list')
      .setNameLocalization('pt-BR', 'listar')
      .setDescription('List your files')
      .setDescriptionLocalization('pt-BR', 'Lista seus arquivos')
      .addStringOption(pathOption(false, 'A folder (default: your whole home directory)', 'Uma pasta (padrão: toda a sua pasta pessoal)')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('delete')
      .setNameLocalization('pt-BR', 'apagar')
      .setDescription('Delete a file or folder')
      .setDescriptionLocalization('pt-BR', 'Apaga um arquivo ou uma pasta')
      .addStringOption(pathOption(true, 'Path inside your home directory', 'Caminho na sua pasta pessoal')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('upload')
      .setNameLocalization('pt-BR', 'enviar')
      .setDescription('Upload a text file into your home directory')
      .setDescriptionLocalization('pt-BR', 'Envia um arquivo de texto para a sua pasta pessoal')
      .addAttachmentOption((option) =>
        option
          .setName('file')
          .setNameLocalization('pt-BR', 'arquivo')
          .setDescription('A text file (Dockerfile, code, configuration), up to 256 KB')
          .setDescriptionLocalization('pt-BR', 'Um arquivo de texto (Dockerfile, código, configuração), até 256 KB')
          .setRequired(true),
      )
      .addStringOption(pathOption(false, 'Where to put it (default: its name, in ~)', 'Onde colocar (padrão: o nome dele, em ~)')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('template')
      .setNameLocalization('pt-BR', 'modelo')
      .setDescription('Start from a ready-made project')
      .setDescriptionLocalization('pt-BR', 'Começa de um projeto pronto')
      .addStringOption((option) =>
        option
          .setName('name')
          .setNameLocalization('pt-BR', 'nome')
          .setDescription('Which starter project (leave empty to list them)')
          .setDescriptionLocalization('pt-BR', 'Qual projeto inicial (deixe vazio para listar)')
          .setMaxLength(40)
          .setAutocomplete(true),
      )
      .addStringOption((option) =>
        option
          .setName('folder')
          .setNameLocalization('pt-BR', 'pasta')
          .setDescription('Folder in your home directory (default: the project name)')
          .setDescriptionLocalization('pt-BR', 'Pasta na sua pasta pessoal (padrão: o nome do projeto)')
          .setMaxLength(100),
      ),
  );

function fileErrorMessage(ctx: ReplyContext, error: FileError): BotMessage {
  const limit = typeof error.detail.limit === 'number' ? humanSize(error.detail.limit) : '';
  return notice(tr(ctx.locale, `file.${error.code}`, { path: error.path, limit }), { colour: COLOURS.error });
}

/** Runs a file use case; a FileError becomes a clear refusal instead of an error. */
async function attempt(ctx: ReplyContext, work: () => Promise<BotMessage>): Promise<void> {
  let message: BotMessage;
  try {
    message = await work();
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    message = fileErrorMessage(ctx, error);
  }
  await ctx.respond.send(message);
}

function savedMessage(ctx: ReplyContext, result: { shown: string; bytes: number; created: boolean; path: string }): BotMessage {
  const text = tr(ctx.locale, result.created ? 'fileCreated' : 'fileSaved', { path: `\`${result.shown}\``, size: humanSize(result.bytes) });
  return { ...notice(text, { colour: COLOURS.ok }), components: lineButtons([{ line: `cat ${quoteForShell(result.path)}` }, { line: 'ls -la' }], ctx.services.payloads) };
}

function quoteForShell(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

async function edit(ctx: ReplyContext & { interaction: ChatInputCommandInteraction }): Promise<void> {
  const typed = ctx.interaction.options.getString('path', true);
  let content = '';
  let path: string;
  let shown: string;
  try {
    const file = ctx.services.files.peekFile(ctx.student, typed);
    ({ content, path, shown } = file);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    if (error.code !== 'not-found') {
      await ctx.respond.send(fileErrorMessage(ctx, error));
      return;
    }
    shown = error.path;
    path = shown === '~' ? '' : shown.slice(2);
  }
  if (content.length > LIMITS.textInputValue) {
    await ctx.respond.send(notice(tr(ctx.locale, 'tooBigForModal', { path: `\`${shown}\``, n: content.length }), { colour: COLOURS.limit }));
    return;
  }
  const input = new TextInputBuilder().setCustomId('content').setStyle(TextInputStyle.Paragraph).setRequired(false).setMaxLength(LIMITS.textInputValue);
  if (content !== '') input.setValue(content);
  const modal = new ModalBuilder()
    .setCustomId(ctx.services.payloads.encode(EDIT_PREFIX, path))
    .setTitle(cut(tr(ctx.locale, 'modalTitle', { path: shown }), LIMITS.modalTitle))
    .addLabelComponents(new LabelBuilder().setLabel(cut(`${tr(ctx.locale, 'modalLabel')}: ${shown}`, LIMITS.textInputLabel)).setTextInputComponent(input));
  await ctx.respond.showModal(modal);
}

const saveEdit: ComponentHandler = {
  async handle(ctx) {
    if (!ctx.interaction.isModalSubmit()) return;
    const path = ctx.services.payloads.decode(ctx.data);
    if (path === undefined) {
      await ctx.respond.send(notice(tr(ctx.locale, 'buttonExpired'), { colour: COLOURS.error }));
      return;
    }
    let content = ctx.interaction.fields.getTextInputValue('content').replace(/\r\n?/g, '\n');
    // Text files end with a newline; Discord's editor drops the last one.
    if (content !== '' && !content.endsWith('\n')) content += '\n';
    await attempt(ctx, async () => savedMessage(ctx, await ctx.serial(() => ctx.services.files.writeFile(ctx.student, path, content))));
  },
};

async function show(ctx: ReplyContext, typed: string): Promise<void> {
  await attempt(ctx, async () => {
    const file = await ctx.serial(() => ctx.services.files.readFile(ctx.student, typed));
    if (file.content === '') return notice(tr(ctx.locale, 'fileEmpty', { path: `\`${file.shown}\`` }));
    const body = codeBlock(file.content.replace(/\n$/, ''), { max: LIMITS.embedDescription, moreLines: (n) => tr(ctx.locale, 'moreLines', { n }) });
    return {
      embeds: [{ title: cut(file.shown, LIMITS.embedTitle), description: body, color: COLOURS.info, footer: { text: humanSize(file.size) } }],
      components: lineButtons([{ line: `cat ${quoteForShell(file.path)}` }], ctx.services.payloads),
    };
  });
}

async function list(ctx: ReplyContext, typed: string): Promise<void> {
  await attempt(ctx, async () => {
    const listing = await ctx.serial(() => ctx.services.files.listFiles(ctx.student, typed));
    if (listing.entries.length === 0) return notice(tr(ctx.locale, 'fileListEmpty', { path: `\`${listing.shown}\`` }));
    const base = listing.shown === '~' ? '' : `${listing.shown.slice(2)}/`;
    const lines = listing.entries.map((entry) => {
      const relative = entry.path.slice(base.length);
      const depth = relative.split('/').length - 1;
      const name = relative.slice(relative.lastIndexOf('/') + 1);
      const label = `${'  '.repeat(depth)}${name}${entry.type === 'dir' ? '/' : entry.type === 'symlink' ? '@' : ''}`;
      return entry.type === 'file' ? `${label.padEnd(32)} ${humanSize(entry.size)}` : label;
    });
    const description = codeBlock(lines.join('\n'), { max: LIMITS.embedDescription, moreLines: (n) => tr(ctx.locale, 'moreLines', { n }) });
    const embed = { title: cut(tr(ctx.locale, 'fileListTitle', { path: listing.shown }), LIMITS.embedTitle), description, color: COLOURS.info } as APIEmbed;
    if (listing.truncated) embed.footer = { text: tr(ctx.locale, 'fileListTruncated', { n: listing.entries.length }) };
    return { embeds: [embed] };
  });
}

async function remove(ctx: ReplyContext, typed: string): Promise<void> {
  await attempt(ctx, async () => {
    const removed = await ctx.serial(() => ctx.services.files.deleteFile(ctx.student, typed));
    const text = removed.type === 'dir'
      ? tr(ctx.locale, 'dirDeleted', { path: `\`${removed.shown}\``, n: removed.files })
      : tr(ctx.locale, 'fileDeleted', { path: `\`${removed.shown}\`` });
    return notice(text, { colour: COLOURS.ok });
  });
}

/** Text files only: valid UTF-8 without NUL bytes. */
export function uploadedText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return text.includes('\u0000') ? undefined : text.replace(/^\uFEFF/, '');
}

async function upload(ctx: ReplyContext & { interaction: ChatInputCommandInteraction }): Promise<void> {
  const attachment = ctx.interaction.options.getAttachment('file', true);
  const name = `\`${escapeBackticks(attachment.name)}\``;
  if (attachment.size > UPLOAD_LIMIT) {
    await ctx.respond.send(notice(tr(ctx.locale, 'uploadTooBig', { name, size: humanSize(attachment.size), limit: humanSize(UPLOAD_LIMIT) }), { colour: COLOURS.error }));
    return;
  }
  let bytes: Uint8Array;
  try {
    const response = await fetch(attachment.url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not download an upload');
    await ctx.respond.send(notice(tr(ctx.locale, 'uploadFailed', { name }), { colour: COLOURS.error }));
    return;
  }
  if (bytes.length > UPLOAD_LIMIT) {
    await ctx.respond.send(notice(tr(ctx.locale, 'uploadTooBig', { name, size: humanSize(bytes.length), limit: humanSize(UPLOAD_LIMIT) }), { colour: COLOURS.error }));
    return;
  }
  const text = uploadedText(bytes);
  if (text === undefined) {
    await ctx.respond.send(notice(tr(ctx.locale, 'uploadNotText', { name }), { colour: COLOURS.error }));
    return;
  }
  const target = ctx.interaction.options.getString('path') ?? attachment.name;
  await attempt(ctx, async () => savedMessage(ctx, await ctx.serial(() => ctx.services.files.writeFile(ctx.student, target, text))));
}

async function template(ctx: ReplyContext, name: string | null, folder: string | null): Promise<void> {
  const templates = ctx.services.files.listTemplates();
  if (templates.length === 0) {
    await ctx.respond.send(notice(tr(ctx.locale, 'noTemplates')));
    return;
  }
  if (name === null) {
    const lines = templates.map((t) => {
      const text = templateText(t, ctx.locale);
      return `**${t.id}**: ${text.title}\n${text.description}`;
    });
    await ctx.respond.send(notice(`${lines.join('\n\n')}\n\n${tr(ctx.locale, 'templatesHint')}`, { title: tr(ctx.locale, 'templatesTitle') }));
    return;
  }
  await attempt(ctx, async () => {
    const applied = await ctx.serial(() => ctx.services.files.applyTemplate(ctx.student, name, folder ?? undefined));
    const files = applied.written.map((file) => `\`${file.shown}\``).join('\n');
    const text = `${tr(ctx.locale, 'templateApplied', { n: applied.written.length, title: templateText(applied.template, ctx.locale).title, path: `\`${applied.shown}\`` })}\n${files}`;
    const folderPath = applied.shown === '~' ? '.' : applied.shown.slice(2);
    return { ...notice(text, { colour: COLOURS.ok }), components: lineButtons([{ line: `cd ${quoteForShell(folderPath)} && ls -la` }], ctx.services.payloads) };
  });
}

export default {
  data,
  async execute(ctx) {
    const options = ctx.interaction.options;
    switch (options.getSubcommand(true)) {
      case 'edit':
        return edit(ctx);
      case 'show':
        return show(ctx, options.getString('path', true));
      case 'list':
        return list(ctx, options.getString('path') ?? '.');
      case 'delete':
        return remove(ctx, options.getString('path', true));
      case 'upload':
        return upload(ctx);
      case 'template':
        return template(ctx, options.getString('name'), options.getString('folder'));
      default:
        throw new Error(`unknown /file subcommand ${options.getSubcommand()}`);
    }
  },
  async autocomplete(ctx) {
    const focused = ctx.interaction.options.getFocused(true);
    const typed = focused.value.replace(/^~\/?/, '').toLowerCase();
    if (focused.name === 'name') {
      return ctx.services.files
        .listTemplates()
        .filter((t) => t.id.includes(typed))
        .map((t) => ({ name: cut(`${t.id}: ${templateText(t, ctx.locale).title}`, LIMITS.choiceName), value: t.id }));
    }
    const wantDirs = ctx.interaction.options.getSubcommand(false) === 'list';
    return ctx.services.files
      .peekPaths(ctx.student)
      .filter((entry) => (wantDirs ? entry.type === 'dir' : entry.type !== 'dir' || ctx.interaction.options.getSubcommand(false) === 'delete'))
      .filter((entry) => entry.path.toLowerCase().includes(typed))
      .sort((a, b) => Number(b.path.toLowerCase().startsWith(typed)) - Number(a.path.toLowerCase().startsWith(typed)) || a.path.localeCompare(b.path))
      .map((entry) => ({ name: shownPath(entry.path), value: entry.path }));
  },
  components: { [EDIT_PREFIX]: saveEdit },
} satisfies BotCommand;
