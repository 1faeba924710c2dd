/** A JSON body as Discord sends it for a failed request. */
export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: Record<string, unknown>;
}

export type ErrorPath = ReadonlyArray<string | number>;

/** One leaf of Discord's nested "Invalid Form Body" error tree. */
export interface FieldError {
  path: ErrorPath;
  code: string;
  message: string;
}

/** A reply the router sends as is: status plus Discord's JSON body. */
export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(`${status} ${body.message} (${body.code})`);
  }
}

/**
 * Discord nests field errors by path and puts the leaves under `_errors`
 * ({"embeds":{"0":{"description":{"_errors":[...]}}}}); discord.js flattens that into
 * "embeds[0].description[BASE_TYPE_MAX_LENGTH]: Must be 4096 or fewer in length.".
 */
export function invalidFormBody(errors: readonly FieldError[]): DiscordHttpError {
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    let node = root;
    for (const key of error.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as Array<{ code: string; message: string }>;
    list.push({ code: error.code, message: error.message });
  }
  return new DiscordHttpError(400, { message: 'Invalid Form Body', code: 50035, errors: root });
}

export const httpError = (status: number, code: number, message: string) =>
  new DiscordHttpError(status, { message, code });

export const Errors = {
  unauthorized: () => httpError(401, 0, '401: Unauthorized'),
  notFound: () => httpError(404, 0, '404: Not Found'),
  methodNotAllowed: () => httpError(405, 0, '405: Method Not Allowed'),
  invalidJson: () => httpError(400, 50109, 'The request body contains invalid JSON.'),
  unknownApplication: () => httpError(404, 10002, 'Unknown Application'),
  unknownChannel: () => httpError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => httpError(404, 10004, 'Unknown Guild'),
  unknownMember: () => httpError(404, 10007, 'Unknown Member'),
  unknownMessage: () => httpError(404, 10008, 'Unknown Message'),
  unknownUser: () => httpError(404, 10013, 'Unknown User'),
  unknownWebhook: () => httpError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => httpError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => httpError(404, 10063, 'Unknown application command'),
  missingAccess: () => httpError(403, 50001, 'Missing Access'),
  missingPermissions: () => httpError(403, 50013, 'Missing Permissions'),
  cannotEditOthers: () => httpError(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => httpError(400, 50006, 'Cannot send an empty message'),
  nonTextChannel: () => httpError(400, 50008, 'Cannot send messages in a non-text channel'),
  alreadyAcknowledged: () => httpError(400, 40060, 'Interaction has already been acknowledged.'),
  tooLarge: () => httpError(413, 40005, 'Request entity too large'),
  tooManyCommands: (max: number) =>
    httpError(400, 30032, `Maximum number of application commands reached (${max})`),
};

/** Helpers for validators: each returns a FieldError or nothing. */
export const tooLong = (path: ErrorPath, max: number): FieldError => ({
  path,
  code: 'BASE_TYPE_MAX_LENGTH',
  message: `Must be ${max} or fewer in length.`,
});
export const tooShort = (path: ErrorPath, min: number): FieldError => ({
  path,
  code: 'BASE_TYPE_MIN_LENGTH',
  message: `Must be ${min} or more in length.`,
});
export const required = (path: ErrorPath): FieldError => ({
  path,
  code: 'BASE_TYPE_REQUIRED',
  message: 'This field is required',
});
export const notOneOf = (path: ErrorPath, choices: readonly unknown[]): FieldError => ({
  path,
  code: 'BASE_TYPE_CHOICES',
  message: `Value must be one of {${choices.map((c) => (typeof c === 'string' ? `'${c}'` : String(c))).join(', ')}}.`,
});
export const wrongType = (path: ErrorPath, type: 'string' | 'boolean' | 'array' | 'dict' | 'int' | 'number'): FieldError => {
  const codes = {
    string: ['BASE_TYPE_STRING', 'Must be a string.'],
    boolean: ['BASE_TYPE_BOOLEAN', 'Must be either true or false.'],
    array: ['BASE_TYPE_ARRAY', 'Must be an array.'],
    dict: ['DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType'],
    int: ['NUMBER_TYPE_COERCE', 'Value is not int.'],
    number: ['NUMBER_TYPE_COERCE', 'Value is not a valid number.'],
  } as const;
  const [code, message] = codes[type];
  return { path, code, message };
};

/** Discord counts lengths in Unicode code points, not UTF-16 units (an emoji counts once). */
export const textLength = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};
