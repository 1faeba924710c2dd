import { type ErrorPath, type FieldError, notOneOf, required, textLength, tooLong, tooShort, wrongType } from './errors';
import type { Loose } from './validate-message';

/** The locales Discord accepts as keys of name_localizations / description_localizations. */
export const DISCORD_LOCALES: readonly string[] = [
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl',
  'pt-BR', 'ro', 'fi', 'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
];

export const CommandType = { ChatInput: 1, User: 2, Message: 3, PrimaryEntryPoint: 4 } as const;
export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

/**
 * Discord's rule for chat-input command and option names (the apostrophe was added to the
 * documented regex in 2024); letters that have a lower-case form must use it.
 */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export function isValidChatInputName(name: string): boolean {
  return CHAT_INPUT_NAME.test(name) && name === name.toLowerCase();
}

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (path: ErrorPath, ...more: Array<string | number>): ErrorPath => [...path, ...more];
const invalidName = (path: ErrorPath): FieldError => ({
  path,
  code: 'APPLICATION_COMMAND_INVALID_NAME',
  message: 'Command name is invalid',
});

function checkName(errors: FieldError[], name: unknown, path: ErrorPath, chatInput: boolean): void {
  if (typeof name !== 'string') {
    errors.push(name === undefined ? required(path) : wrongType(path, 'string'));
    return;
  }
  const n = textLength(name);
  if (n < 1) errors.push(tooShort(path, 1));
  else if (n > 32) errors.push(tooLong(path, 32));
  else if (chatInput && !isValidChatInputName(name)) errors.push(invalidName(path));
}

function checkDescription(errors: FieldError[], description: unknown, path: ErrorPath): void {
  if (typeof description !== 'string') {
    errors.push(description === undefined ? required(path) : wrongType(path, 'string'));
    return;
  }
  const n = textLength(description);
  if (n < 1) errors.push(tooShort(path, 1));
  if (n > 100) errors.push(tooLong(path, 100));
}

function checkLocalizations(
  errors: FieldError[],
  map: unknown,
  path: ErrorPath,
  checkValue: (value: unknown, path: ErrorPath) => void,
): void {
  if (map === undefined || map === null) return;
  if (!isObject(map)) {
    errors.push(wrongType(path, 'dict'));
    return;
  }
  for (const [locale, value] of Object.entries(map)) {
    if (!DISCORD_LOCALES.includes(locale)) {
      errors.push({ path: at(path, locale), code: 'LOCALE_INVALID', message: `Invalid locale "${locale}". Value must be one of (${DISCORD_LOCALES.join(', ')}).` });
      continue;
    }
    checkValue(value, at(path, locale));
  }
}

/** Longest text among a value and its localizations: Discord counts the worst locale toward 4000. */
function longest(value: unknown, localizations: unknown): number {
  let n = typeof value === 'string' ? textLength(value) : 0;
  if (isObject(localizations)) for (const v of Object.values(localizations)) if (typeof v === 'string') n = Math.max(n, textLength(v));
  return n;
}

function validateChoices(errors: FieldError[], option: Loose, path: ErrorPath): number {
  let size = 0;
  if (option.choices === undefined || option.choices === null) return size;
  const cp = at(path, 'choices');
  if (![OptionType.String, OptionType.Integer, OptionType.Number].includes(option.type)) {
    errors.push({ path: cp, code: 'APPLICATION_COMMAND_OPTION_CHOICES_NOT_ALLOWED', message: 'Choices are only allowed for string, integer and number options' });
    return size;
  }
  if (!Array.isArray(option.choices)) {
    errors.push(wrongType(cp, 'array'));
    return size;
  }
  if (option.choices.length > 25) errors.push(tooLong(cp, 25));
  if (option.autocomplete === true && option.choices.length > 0) {
    errors.push({ path: at(path, 'autocomplete'), code: 'APPLICATION_COMMAND_AUTOCOMPLETE_WITH_CHOICES', message: 'Autocomplete cannot be enabled on an option with choices' });
  }
  option.choices.forEach((choice: unknown, i: number) => {
    const p = at(cp, i);
    if (!isObject(choice)) {
      errors.push(wrongType(p, 'dict'));
      return;
    }
    checkDescription(errors, choice.name, at(p, 'name'));
    checkLocalizations(errors, choice.name_localizations, at(p, 'name_localizations'), (v, lp) => checkDescription(errors, v, lp));
    const value = choice.value;
    if (option.type === OptionType.String) {
      if (typeof value !== 'string') errors.push(wrongType(at(p, 'value'), 'string'));
      else if (textLength(value) > 100) errors.push(tooLong(at(p, 'value'), 100));
    } else if (option.type === OptionType.Integer) {
      if (!Number.isSafeInteger(value)) errors.push(wrongType(at(p, 'value'), 'int'));
    } else if (typeof value !== 'number' || !Number.isFinite(value)) errors.push(wrongType(at(p, 'value'), 'number'));
    size += longest(choice.name, choice.name_localizations) + (typeof value === 'string' ? textLength(value) : String(value).length);
  });
  return size;
}

/**
 * Options at one level. Level 0 is the command itself, 1 inside a subcommand group,
 * 2 inside a subcommand. Returns the characters counted toward the command's 4000 limit.
 */
function validateOptions(errors: FieldError[], options: unknown, path: ErrorPath, level: 0 | 1 | 2): number {
  if (options === undefined || options === null) return 0;
  if (!Array.isArray(options)) {
    errors.push(wrongType(path, 'array'));
    return 0;
  }
  if (options.length > 25) errors.push(tooLong(path, 25));
  let size = 0;
  const names = new Set<string>();
  const isSub = (o: unknown) => isObject(o) && (o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup);
  const anySub = options.some(isSub);
  let sawOptional = false;
  options.forEach((option: unknown, i: number) => {
    const p = at(path, i);
    if (!isObject(option)) {
      errors.push(wrongType(p, 'dict'));
      return;
    }
    const validTypes = Object.values(OptionType) as number[];
    if (!validTypes.includes(option.type)) {
      errors.push(notOneOf(at(p, 'type'), validTypes));
      return;
    }
    checkName(errors, option.name, at(p, 'name'), true);
    checkDescription(errors, option.description, at(p, 'description'));
    checkLocalizations(errors, option.name_localizations, at(p, 'name_localizations'), (v, lp) => checkName(errors, v, lp, true));
    checkLocalizations(errors, option.description_localizations, at(p, 'description_localizations'), (v, lp) => checkDescription(errors, v, lp));
    size += longest(option.name, option.name_localizations) + longest(option.description, option.description_localizations);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) {
        errors.push({ path: at(p, 'name'), code: 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
      }
      names.add(option.name);
    }

    const sub = isSub(option);
    if (anySub && !sub) {
      errors.push({ path: p, code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Sub-command and sub-command group option types are mutually exclusive to all other types' });
    }
    if (option.type === OptionType.SubcommandGroup && level !== 0) {
      errors.push({ path: at(p, 'type'), code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Sub-command groups can only be nested in a command' });
    }
    if (option.type === OptionType.Subcommand && level === 2) {
      errors.push({ path: at(p, 'type'), code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Sub-commands cannot be nested in sub-commands' });
    }
    if (level === 1 && option.type !== OptionType.Subcommand) {
      errors.push({ path: at(p, 'type'), code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Sub-command groups can only contain sub-commands' });
    }

    if (sub) {
      if (option.required !== undefined && option.required !== false) {
        errors.push({ path: at(p, 'required'), code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Sub-commands and sub-command groups cannot be required' });
      }
      const next = option.type === OptionType.SubcommandGroup ? 1 : 2;
      if (option.type === OptionType.SubcommandGroup && (!Array.isArray(option.options) || option.options.length === 0)) {
        errors.push(tooShort(at(p, 'options'), 1));
      }
      size += validateOptions(errors, option.options, at(p, 'options'), next);
      return;
    }

    if (option.options !== undefined) {
      errors.push({ path: at(p, 'options'), code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Only sub-commands and sub-command groups can have options' });
    }
    if (option.required !== undefined && typeof option.required !== 'boolean') errors.push(wrongType(at(p, 'required'), 'boolean'));
    if (option.required === true && sawOptional) {
      errors.push({ path: p, code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
    }
    if (option.required !== true) sawOptional = true;

    size += validateChoices(errors, option, p);
    if (option.autocomplete !== undefined && option.autocomplete !== false && ![OptionType.String, OptionType.Integer, OptionType.Number].includes(option.type)) {
      errors.push({ path: at(p, 'autocomplete'), code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_NOT_ALLOWED', message: 'Autocomplete is only allowed for string, integer and number options' });
    }
    for (const key of ['min_value', 'max_value'] as const) {
      if (option[key] === undefined) continue;
      if (![OptionType.Integer, OptionType.Number].includes(option.type)) {
        errors.push({ path: at(p, key), code: 'APPLICATION_COMMAND_OPTION_FIELD_NOT_ALLOWED', message: `${key} is only allowed for integer and number options` });
      } else if (typeof option[key] !== 'number') errors.push(wrongType(at(p, key), 'number'));
    }
    if (typeof option.min_value === 'number' && typeof option.max_value === 'number' && option.min_value > option.max_value) {
      errors.push({ path: at(p, 'min_value'), code: 'APPLICATION_COMMAND_OPTION_MIN_VALUE_TOO_HIGH', message: 'min_value must be less than or equal to max_value' });
    }
    for (const [key, lo] of [['min_length', 0], ['max_length', 1]] as const) {
      const v = option[key];
      if (v === undefined) continue;
      if (option.type !== OptionType.String) {
        errors.push({ path: at(p, key), code: 'APPLICATION_COMMAND_OPTION_FIELD_NOT_ALLOWED', message: `${key} is only allowed for string options` });
      } else if (!Number.isInteger(v)) errors.push(wrongType(at(p, key), 'int'));
      else if (v < lo) errors.push({ path: at(p, key), code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${lo}.` });
      else if (v > 6000) errors.push({ path: at(p, key), code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 6000.' });
    }
    if (option.channel_types !== undefined) {
      if (option.type !== OptionType.Channel) {
        errors.push({ path: at(p, 'channel_types'), code: 'APPLICATION_COMMAND_OPTION_FIELD_NOT_ALLOWED', message: 'channel_types is only allowed for channel options' });
      } else if (!Array.isArray(option.channel_types)) errors.push(wrongType(at(p, 'channel_types'), 'array'));
    }
  });
  return size;
}

/** Checks one command as sent to POST/PATCH or as one element of a bulk PUT. */
export function validateCommand(command: unknown, path: ErrorPath = []): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(command)) return [wrongType(path, 'dict')];
  const type = command.type ?? CommandType.ChatInput;
  if (![1, 2, 3, 4].includes(type)) {
    errors.push(notOneOf(at(path, 'type'), [1, 2, 3, 4]));
    return errors;
  }
  const chatInput = type === CommandType.ChatInput || type === CommandType.PrimaryEntryPoint;
  checkName(errors, command.name, at(path, 'name'), chatInput);
  checkLocalizations(errors, command.name_localizations, at(path, 'name_localizations'), (v, lp) => checkName(errors, v, lp, chatInput));
  if (chatInput) {
    checkDescription(errors, command.description, at(path, 'description'));
    checkLocalizations(errors, command.description_localizations, at(path, 'description_localizations'), (v, lp) => checkDescription(errors, v, lp));
  } else {
    // context-menu commands show no description: Discord wants it empty
    if (command.description !== undefined && command.description !== '') {
      errors.push({ path: at(path, 'description'), code: 'APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED', message: 'Context menu commands cannot have a description' });
    }
    if (command.options !== undefined && !(Array.isArray(command.options) && command.options.length === 0)) {
      errors.push({ path: at(path, 'options'), code: 'APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED', message: 'Context menu commands cannot have options' });
    }
  }
  let size = longest(command.name, command.name_localizations) + longest(command.description, command.description_localizations);
  if (chatInput) size += validateOptions(errors, command.options, at(path, 'options'), 0);
  if (size > 4000) {
    errors.push({ path, code: 'APPLICATION_COMMAND_TOO_LARGE', message: 'Command exceeds maximum size (4000)' });
  }

  const dmp = command.default_member_permissions;
  if (dmp !== undefined && dmp !== null) {
    if (typeof dmp !== 'string' || !/^\d+$/.test(dmp)) {
      errors.push({ path: at(path, 'default_member_permissions'), code: 'NUMBER_TYPE_COERCE', message: `Value "${String(dmp)}" is not int.` });
    }
  }
  if (command.dm_permission !== undefined && command.dm_permission !== null && typeof command.dm_permission !== 'boolean') {
    errors.push(wrongType(at(path, 'dm_permission'), 'boolean'));
  }
  if (command.nsfw !== undefined && typeof command.nsfw !== 'boolean') errors.push(wrongType(at(path, 'nsfw'), 'boolean'));
  for (const [key, allowed] of [['contexts', [0, 1, 2]], ['integration_types', [0, 1]]] as const) {
    const list = command[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      errors.push(wrongType(at(path, key), 'array'));
      continue;
    }
    list.forEach((v: unknown, i: number) => {
      if (!(allowed as readonly unknown[]).includes(v)) errors.push(notOneOf(at(path, key, i), allowed));
    });
    if (list.length === 0 && key === 'integration_types') errors.push(tooShort(at(path, key), 1));
  }
  return errors;
}

/** A bulk overwrite (PUT): every command checked, names unique per type, counts capped. */
export function validateCommandList(list: unknown): { errors: FieldError[]; tooMany?: number } {
  if (!Array.isArray(list)) return { errors: [wrongType([], 'array')] };
  const errors: FieldError[] = [];
  const counts = new Map<number, number>();
  const seen = new Set<string>();
  list.forEach((command: unknown, i: number) => {
    errors.push(...validateCommand(command, [i]));
    if (!isObject(command)) return;
    const type = command.type ?? 1;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) {
      errors.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
    }
    seen.add(key);
  });
  if ((counts.get(1) ?? 0) > 100) return { errors, tooMany: 100 };
  if ((counts.get(2) ?? 0) > 15 || (counts.get(3) ?? 0) > 15) return { errors, tooMany: 15 };
  return { errors };
}
