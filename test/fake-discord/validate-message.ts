import {
  type ErrorPath,
  type FieldError,
  notOneOf,
  required,
  textLength,
  tooLong,
  tooShort,
  wrongType,
} from './errors';

/** JSON the bot sent; validators look at it field by field, like Discord's form checks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = Record<string, any>;

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsVoiceMessage: 1 << 13,
  IsComponentsV2: 1 << 15,
} as const;

export const ComponentType = {
  ActionRow: 1,
  Button: 2,
  StringSelect: 3,
  TextInput: 4,
  UserSelect: 5,
  RoleSelect: 6,
  MentionableSelect: 7,
  ChannelSelect: 8,
  Section: 9,
  TextDisplay: 10,
  Thumbnail: 11,
  MediaGallery: 12,
  File: 13,
  Separator: 14,
  Container: 17,
  Label: 18,
  FileUpload: 19,
} as const;

const SELECT_TYPES: readonly number[] = [3, 5, 6, 7, 8];
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (path: ErrorPath, ...more: Array<string | number>): ErrorPath => [...path, ...more];

function checkString(
  errors: FieldError[],
  value: unknown,
  path: ErrorPath,
  { max, min = 0, isRequired = false }: { max: number; min?: number; isRequired?: boolean },
): void {
  if (value === undefined || value === null) {
    if (isRequired) errors.push(required(path));
    return;
  }
  if (typeof value !== 'string') {
    errors.push(wrongType(path, 'string'));
    return;
  }
  const n = textLength(value);
  if (isRequired && n === 0 && min === 0) errors.push(required(path));
  else if (n < min) errors.push(tooShort(path, min));
  if (n > max) errors.push(tooLong(path, max));
}

function checkUrl(errors: FieldError[], value: unknown, path: ErrorPath, allowAttachment: boolean): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') {
    errors.push(wrongType(path, 'string'));
    return;
  }
  const schemes = allowAttachment ? ['http:', 'https:', 'attachment:'] : ['http:', 'https:', 'discord:'];
  let ok = false;
  try {
    ok = schemes.includes(new URL(value).protocol);
  } catch {
    ok = false;
  }
  if (!ok) {
    errors.push({
      path,
      code: allowAttachment ? 'URL_TYPE_INVALID_URL' : 'URL_TYPE_INVALID_SCHEME',
      message: allowAttachment ? 'Not a well formed URL.' : 'Scheme "' + value.split(':')[0] + '" is not supported. Scheme must be one of (\'http\', \'https\', \'discord\').',
    });
  }
}

/** The characters Discord counts toward the 6000 limit shared by all embeds of one message. */
export function embedSize(embed: Loose): number {
  const len = (v: unknown) => (typeof v === 'string' ? textLength(v) : 0);
  let n = len(embed.title) + len(embed.description) + len(embed.footer?.text) + len(embed.author?.name);
  if (Array.isArray(embed.fields)) for (const f of embed.fields) if (isObject(f)) n += len(f.name) + len(f.value);
  return n;
}

function validateEmbed(errors: FieldError[], embed: unknown, path: ErrorPath): void {
  if (!isObject(embed)) {
    errors.push(wrongType(path, 'dict'));
    return;
  }
  checkString(errors, embed.title, at(path, 'title'), { max: 256 });
  checkString(errors, embed.description, at(path, 'description'), { max: 4096 });
  checkUrl(errors, embed.url, at(path, 'url'), false);
  if (embed.color !== undefined && embed.color !== null) {
    if (!Number.isInteger(embed.color)) errors.push(wrongType(at(path, 'color'), 'int'));
    else if (embed.color < 0 || embed.color > 0xffffff)
      errors.push({ path: at(path, 'color'), code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 16777215.' });
  }
  if (embed.timestamp !== undefined && embed.timestamp !== null && Number.isNaN(Date.parse(String(embed.timestamp)))) {
    errors.push({ path: at(path, 'timestamp'), code: 'DATE_TYPE_PARSE', message: 'Could not parse ' + String(embed.timestamp) + '. Should be ISO8601.' });
  }
  if (embed.footer !== undefined && embed.footer !== null) {
    checkString(errors, embed.footer.text, at(path, 'footer', 'text'), { max: 2048, isRequired: true });
    checkUrl(errors, embed.footer.icon_url, at(path, 'footer', 'icon_url'), true);
  }
  if (embed.author !== undefined && embed.author !== null) {
    checkString(errors, embed.author.name, at(path, 'author', 'name'), { max: 256, isRequired: true });
    checkUrl(errors, embed.author.url, at(path, 'author', 'url'), false);
    checkUrl(errors, embed.author.icon_url, at(path, 'author', 'icon_url'), true);
  }
  for (const key of ['image', 'thumbnail'] as const) {
    if (embed[key] !== undefined && embed[key] !== null) {
      if (embed[key].url === undefined) errors.push(required(at(path, key, 'url')));
      checkUrl(errors, embed[key].url, at(path, key, 'url'), true);
    }
  }
  if (embed.fields !== undefined && embed.fields !== null) {
    if (!Array.isArray(embed.fields)) errors.push(wrongType(at(path, 'fields'), 'array'));
    else {
      if (embed.fields.length > 25) errors.push(tooLong(at(path, 'fields'), 25));
      embed.fields.forEach((field: unknown, i: number) => {
        const fp = at(path, 'fields', i);
        if (!isObject(field)) {
          errors.push(wrongType(fp, 'dict'));
          return;
        }
        checkString(errors, field.name, at(fp, 'name'), { max: 256, isRequired: true });
        checkString(errors, field.value, at(fp, 'value'), { max: 1024, isRequired: true });
        if (field.inline !== undefined && typeof field.inline !== 'boolean') errors.push(wrongType(at(fp, 'inline'), 'boolean'));
      });
    }
  }
}

interface ComponentContext {
  errors: FieldError[];
  customIds: Map<string, ErrorPath>;
  count: number;
  textDisplayChars: number;
}

function checkCustomId(ctx: ComponentContext, component: Loose, path: ErrorPath): void {
  checkString(ctx.errors, component.custom_id, at(path, 'custom_id'), { max: 100, min: 1, isRequired: true });
  if (typeof component.custom_id === 'string') {
    if (ctx.customIds.has(component.custom_id)) {
      ctx.errors.push({ path: at(path, 'custom_id'), code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
    }
    ctx.customIds.set(component.custom_id, path);
  }
}

function validateButton(ctx: ComponentContext, b: Loose, path: ErrorPath): void {
  const { errors } = ctx;
  if (![1, 2, 3, 4, 5, 6].includes(b.style)) {
    errors.push(notOneOf(at(path, 'style'), [1, 2, 3, 4, 5, 6]));
    return;
  }
  checkString(errors, b.label, at(path, 'label'), { max: 80 });
  if (b.style === 5) {
    if (b.url === undefined) errors.push(required(at(path, 'url')));
    checkUrl(errors, b.url, at(path, 'url'), false);
    if (b.custom_id !== undefined) errors.push({ path: at(path, 'custom_id'), code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', message: 'A custom id is not allowed for link buttons' });
  } else if (b.style === 6) {
    if (b.sku_id === undefined) errors.push(required(at(path, 'sku_id')));
  } else {
    checkCustomId(ctx, b, path);
    if (b.url !== undefined) errors.push({ path: at(path, 'url'), code: 'BUTTON_COMPONENT_URL_NOT_ALLOWED', message: 'A url is only allowed for link buttons' });
  }
  if (b.style !== 6 && (b.label === undefined || b.label === '') && b.emoji === undefined) {
    errors.push({ path: at(path, 'label'), code: 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', message: 'A label or an emoji is required' });
  }
}

function validateSelect(ctx: ComponentContext, s: Loose, path: ErrorPath, inModal: boolean): void {
  const { errors } = ctx;
  checkCustomId(ctx, s, path);
  checkString(errors, s.placeholder, at(path, 'placeholder'), { max: 150 });
  const min = s.min_values ?? 1;
  const max = s.max_values ?? 1;
  if (s.min_values !== undefined && (!Number.isInteger(min) || min < 0 || min > 25))
    errors.push({ path: at(path, 'min_values'), code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 25.' });
  if (s.max_values !== undefined && (!Number.isInteger(max) || max < 1 || max > 25))
    errors.push({ path: at(path, 'max_values'), code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 25.' });
  if (min > max) errors.push({ path: at(path, 'min_values'), code: 'SELECT_COMPONENT_MIN_VALUES_TOO_HIGH', message: 'Minimum values must be less than or equal to maximum values' });
  if (s.type === ComponentType.StringSelect) {
    if (!Array.isArray(s.options)) {
      errors.push(required(at(path, 'options')));
      return;
    }
    if (s.options.length > 25) errors.push(tooLong(at(path, 'options'), 25));
    if (s.options.length < 1) errors.push(tooShort(at(path, 'options'), 1));
    const values = new Set<string>();
    let defaults = 0;
    s.options.forEach((o: unknown, i: number) => {
      const op = at(path, 'options', i);
      if (!isObject(o)) {
        errors.push(wrongType(op, 'dict'));
        return;
      }
      checkString(errors, o.label, at(op, 'label'), { max: 100, min: 1, isRequired: true });
      checkString(errors, o.value, at(op, 'value'), { max: 100, min: 1, isRequired: true });
      checkString(errors, o.description, at(op, 'description'), { max: 100 });
      if (typeof o.value === 'string') {
        if (values.has(o.value)) errors.push({ path: at(op, 'value'), code: 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', message: 'Select component option value must be unique' });
        values.add(o.value);
      }
      if (o.default === true) defaults++;
    });
    if (max > s.options.length) errors.push({ path: at(path, 'max_values'), code: 'SELECT_COMPONENT_MAX_VALUES_TOO_HIGH', message: 'Maximum values must be less than or equal to the number of options' });
    if (defaults > max) errors.push({ path: at(path, 'options'), code: 'SELECT_COMPONENT_TOO_MANY_DEFAULT_VALUES', message: 'Too many default values' });
  }
  if (!inModal && s.required !== undefined) {
    errors.push({ path: at(path, 'required'), code: 'COMPONENT_FIELD_NOT_ALLOWED', message: 'This field is only allowed in modals' });
  }
}

function validateActionRow(ctx: ComponentContext, row: Loose, path: ErrorPath): void {
  const { errors } = ctx;
  if (!Array.isArray(row.components)) {
    errors.push(required(at(path, 'components')));
    return;
  }
  if (row.components.length < 1) errors.push(tooShort(at(path, 'components'), 1));
  if (row.components.length > 5) errors.push(tooLong(at(path, 'components'), 5));
  const hasSelect = row.components.some((c: Loose) => isObject(c) && SELECT_TYPES.includes(c.type));
  if (hasSelect && row.components.length > 1) {
    errors.push({ path: at(path, 'components'), code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'The specified component exceeds the maximum width' });
  }
  row.components.forEach((c: unknown, i: number) => {
    const cp = at(path, 'components', i);
    if (!isObject(c)) {
      errors.push(wrongType(cp, 'dict'));
      return;
    }
    ctx.count++;
    if (c.type === ComponentType.Button) validateButton(ctx, c, cp);
    else if (SELECT_TYPES.includes(c.type)) validateSelect(ctx, c, cp, false);
    else errors.push(notOneOf(at(cp, 'type'), [2, 3, 5, 6, 7, 8]));
  });
}

/** Components V2 blocks (IS_COMPONENTS_V2): sections, text displays, containers... */
function validateV2(ctx: ComponentContext, c: Loose, path: ErrorPath, allowed: readonly number[]): void {
  const { errors } = ctx;
  if (!isObject(c)) {
    errors.push(wrongType(path, 'dict'));
    return;
  }
  ctx.count++;
  if (!allowed.includes(c.type)) {
    errors.push({ path: at(path, 'type'), code: 'UNION_TYPE_CHOICES', message: `Value of field "type" must be one of (${allowed.join(', ')}).` });
    return;
  }
  switch (c.type) {
    case ComponentType.ActionRow:
      validateActionRow(ctx, c, path);
      return;
    case ComponentType.TextDisplay:
      checkString(errors, c.content, at(path, 'content'), { max: 4000, min: 1, isRequired: true });
      if (typeof c.content === 'string') ctx.textDisplayChars += textLength(c.content);
      return;
    case ComponentType.Section: {
      if (!Array.isArray(c.components) || c.components.length < 1) errors.push(tooShort(at(path, 'components'), 1));
      else {
        if (c.components.length > 3) errors.push(tooLong(at(path, 'components'), 3));
        c.components.forEach((x: unknown, i: number) => validateV2(ctx, x as Loose, at(path, 'components', i), [10]));
      }
      if (!isObject(c.accessory)) errors.push(required(at(path, 'accessory')));
      else validateV2(ctx, c.accessory, at(path, 'accessory'), [2, 11]);
      return;
    }
    case ComponentType.Button:
      validateButton(ctx, c, path);
      return;
    case ComponentType.Thumbnail:
      if (!isObject(c.media)) errors.push(required(at(path, 'media')));
      else checkUrl(errors, c.media.url, at(path, 'media', 'url'), true);
      checkString(errors, c.description, at(path, 'description'), { max: 1024 });
      return;
    case ComponentType.MediaGallery:
      if (!Array.isArray(c.items) || c.items.length < 1) errors.push(tooShort(at(path, 'items'), 1));
      else if (c.items.length > 10) errors.push(tooLong(at(path, 'items'), 10));
      return;
    case ComponentType.File:
      if (!isObject(c.file) || typeof c.file.url !== 'string' || !c.file.url.startsWith('attachment://')) {
        errors.push({ path: at(path, 'file', 'url'), code: 'UNFURLED_MEDIA_ITEM_INVALID_SCHEME', message: 'File components only support attachment:// urls' });
      }
      return;
    case ComponentType.Separator:
      if (c.spacing !== undefined && ![1, 2].includes(c.spacing)) errors.push(notOneOf(at(path, 'spacing'), [1, 2]));
      return;
    case ComponentType.Container:
      if (!Array.isArray(c.components) || c.components.length < 1) errors.push(tooShort(at(path, 'components'), 1));
      else c.components.forEach((x: unknown, i: number) => validateV2(ctx, x as Loose, at(path, 'components', i), [1, 9, 10, 12, 13, 14]));
      return;
    default:
      return;
  }
}

export interface MessageCheckOptions {
  /** Where the payload sits in the request body: [] for channel messages, ['data'] for callbacks. */
  path?: ErrorPath;
  /** Number of files uploaded with the request (the 10-attachment cap counts them). */
  fileCount?: number;
  /** Flags of the message being edited, so IS_COMPONENTS_V2 carries over to edits. */
  existingFlags?: number;
}

/** Discord's limits on a message payload (create or edit). */
export function validateMessagePayload(body: Loose, options: MessageCheckOptions = {}): FieldError[] {
  const path = options.path ?? [];
  const errors: FieldError[] = [];
  if (!isObject(body)) return [wrongType(path, 'dict')];
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const v2 = ((flags | (options.existingFlags ?? 0)) & MessageFlag.IsComponentsV2) !== 0;

  checkString(errors, body.content, at(path, 'content'), { max: 2000 });
  if (body.nonce !== undefined && body.nonce !== null) {
    if (typeof body.nonce === 'string') {
      if (body.nonce.length > 25) errors.push(tooLong(at(path, 'nonce'), 25));
    } else if (!Number.isInteger(body.nonce)) errors.push(wrongType(at(path, 'nonce'), 'int'));
  }
  if (body.flags !== undefined && body.flags !== null && !Number.isInteger(body.flags)) errors.push(wrongType(at(path, 'flags'), 'int'));

  if (body.embeds !== undefined && body.embeds !== null) {
    if (!Array.isArray(body.embeds)) errors.push(wrongType(at(path, 'embeds'), 'array'));
    else {
      if (body.embeds.length > 10) errors.push(tooLong(at(path, 'embeds'), 10));
      body.embeds.forEach((e: unknown, i: number) => validateEmbed(errors, e, at(path, 'embeds', i)));
      const total = body.embeds.reduce((n: number, e: unknown) => n + (isObject(e) ? embedSize(e) : 0), 0);
      if (total > 6000) {
        errors.push({ path: at(path, 'embeds'), code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
      }
    }
  }

  if (v2) {
    for (const field of ['content', 'embeds', 'poll', 'sticker_ids'] as const) {
      const v = body[field];
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '') {
        errors.push({ path: at(path, field), code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', message: `The '${field}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2` });
      }
    }
  }

  if (body.components !== undefined && body.components !== null) {
    const ctx: ComponentContext = { errors, customIds: new Map(), count: 0, textDisplayChars: 0 };
    const cp = at(path, 'components');
    if (!Array.isArray(body.components)) errors.push(wrongType(cp, 'array'));
    else if (v2) {
      body.components.forEach((c: unknown, i: number) => validateV2(ctx, c as Loose, at(cp, i), [1, 9, 10, 12, 13, 14, 17]));
      if (ctx.count > 40) errors.push({ path: cp, code: 'MAX_COMPONENTS_EXCEEDED', message: 'Must be 40 or fewer in total (counting nested components).' });
      if (ctx.textDisplayChars > 4000) errors.push({ path: cp, code: 'MAX_TEXT_DISPLAY_LENGTH_EXCEEDED', message: 'Text display content must be 4000 or fewer characters in total.' });
    } else {
      if (body.components.length > 5) errors.push(tooLong(cp, 5));
      body.components.forEach((row: unknown, i: number) => {
        const rp = at(cp, i);
        if (!isObject(row)) errors.push(wrongType(rp, 'dict'));
        else if (row.type !== ComponentType.ActionRow) {
          errors.push({ path: at(rp, 'type'), code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (1,).' });
        } else validateActionRow(ctx, row, rp);
      });
    }
  }

  if (body.attachments !== undefined && body.attachments !== null) {
    if (!Array.isArray(body.attachments)) errors.push(wrongType(at(path, 'attachments'), 'array'));
    else if (body.attachments.length > 10) errors.push(tooLong(at(path, 'attachments'), 10));
  }
  if ((options.fileCount ?? 0) > 10) errors.push(tooLong(at(path, 'attachments'), 10));
  return errors;
}

/** The popup a bot opens with callback type 9. */
export function validateModal(data: Loose, path: ErrorPath = ['data']): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(data)) return [required(path)];
  checkString(errors, data.title, at(path, 'title'), { max: 45, min: 1, isRequired: true });
  const ctx: ComponentContext = { errors, customIds: new Map(), count: 0, textDisplayChars: 0 };
  checkCustomId(ctx, data, path);
  ctx.customIds.clear();
  const cp = at(path, 'components');
  if (!Array.isArray(data.components)) {
    errors.push(required(cp));
    return errors;
  }
  if (data.components.length < 1) errors.push(tooShort(cp, 1));
  if (data.components.length > 5) errors.push(tooLong(cp, 5));
  data.components.forEach((c: unknown, i: number) => {
    const p = at(cp, i);
    if (!isObject(c)) {
      errors.push(wrongType(p, 'dict'));
      return;
    }
    if (c.type === ComponentType.ActionRow) {
      // the older shape: one text input per row, carrying its own label
      if (!Array.isArray(c.components) || c.components.length !== 1) {
        errors.push({ path: at(p, 'components'), code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'The specified component exceeds the maximum width' });
        return;
      }
      const input = c.components[0] as Loose;
      const ip = at(p, 'components', 0);
      if (!isObject(input) || input.type !== ComponentType.TextInput) {
        errors.push({ path: at(ip, 'type'), code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (4,).' });
        return;
      }
      checkString(errors, input.label, at(ip, 'label'), { max: 45, min: 1, isRequired: true });
      validateTextInput(ctx, input, ip);
    } else if (c.type === ComponentType.Label) {
      checkString(errors, c.label, at(p, 'label'), { max: 45, min: 1, isRequired: true });
      checkString(errors, c.description, at(p, 'description'), { max: 100 });
      const inner = c.component as Loose;
      const ip = at(p, 'component');
      if (!isObject(inner)) errors.push(required(ip));
      else if (inner.type === ComponentType.TextInput) {
        if (inner.label !== undefined) errors.push({ path: at(ip, 'label'), code: 'COMPONENT_FIELD_NOT_ALLOWED', message: 'A text input inside a label cannot have its own label' });
        validateTextInput(ctx, inner, ip);
      } else if (SELECT_TYPES.includes(inner.type)) validateSelect(ctx, inner, ip, true);
      else if (inner.type === ComponentType.FileUpload) {
        checkCustomId(ctx, inner, ip);
        if (inner.max_values !== undefined && (inner.max_values < 1 || inner.max_values > 10)) errors.push(tooLong(at(ip, 'max_values'), 10));
      } else errors.push({ path: at(ip, 'type'), code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (3, 4, 5, 6, 7, 8, 19).' });
    } else if (c.type === ComponentType.TextDisplay) {
      checkString(errors, c.content, at(p, 'content'), { max: 4000, min: 1, isRequired: true });
    } else {
      errors.push({ path: at(p, 'type'), code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (1, 10, 18).' });
    }
  });
  return errors;
}

function validateTextInput(ctx: ComponentContext, input: Loose, path: ErrorPath): void {
  const { errors } = ctx;
  checkCustomId(ctx, input, path);
  if (![1, 2].includes(input.style)) errors.push(notOneOf(at(path, 'style'), [1, 2]));
  for (const key of ['min_length', 'max_length'] as const) {
    const v = input[key];
    if (v === undefined || v === null) continue;
    const lo = key === 'min_length' ? 0 : 1;
    if (!Number.isInteger(v)) errors.push(wrongType(at(path, key), 'int'));
    else if (v < lo) errors.push({ path: at(path, key), code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${lo}.` });
    else if (v > 4000) errors.push({ path: at(path, key), code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 4000.' });
  }
  checkString(errors, input.value, at(path, 'value'), { max: 4000 });
  checkString(errors, input.placeholder, at(path, 'placeholder'), { max: 100 });
  if (typeof input.min_length === 'number' && typeof input.max_length === 'number' && input.min_length > input.max_length) {
    errors.push({ path: at(path, 'min_length'), code: 'TEXT_INPUT_MIN_LENGTH_TOO_HIGH', message: 'Minimum length must be less than or equal to maximum length' });
  }
}

/** Callback type 8: what the bot suggests while the user types. */
export function validateAutocompleteResult(data: Loose, path: ErrorPath = ['data']): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(data) || !Array.isArray(data.choices)) return [required(at(path, 'choices'))];
  if (data.choices.length > 25) errors.push(tooLong(at(path, 'choices'), 25));
  data.choices.forEach((c: unknown, i: number) => {
    const p = at(path, 'choices', i);
    if (!isObject(c)) {
      errors.push(wrongType(p, 'dict'));
      return;
    }
    checkString(errors, c.name, at(p, 'name'), { max: 100, min: 1, isRequired: true });
    if (typeof c.value === 'string') {
      if (textLength(c.value) > 100) errors.push(tooLong(at(p, 'value'), 100));
    } else if (typeof c.value !== 'number') errors.push(required(at(p, 'value')));
  });
  return errors;
}

/** Discord refuses a message with nothing to show (code 50006). */
export function isEmptyMessage(message: Loose): boolean {
  const has = (v: unknown) => Array.isArray(v) && v.length > 0;
  return (
    (typeof message.content !== 'string' || message.content.length === 0) &&
    !has(message.embeds) &&
    !has(message.components) &&
    !has(message.attachments) &&
    !has(message.sticker_items) &&
    !has(message.sticker_ids) &&
    !message.poll
  );
}
