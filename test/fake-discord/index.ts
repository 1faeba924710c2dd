export { createFakeDiscord, FakeDiscordUsageError } from './fake-discord';
export type { FakeDiscord, GatewayControls } from './fake-discord';
export type { GatewayStats } from './gateway';
export type { DiscordErrorBody, FieldError } from './errors';
export { validateMessagePayload, validateModal, validateAutocompleteResult, MessageFlag, ComponentType } from './validate-message';
export { validateCommand, validateCommandList, isValidChatInputName, DISCORD_LOCALES } from './validate-commands';
export { snowflakeTime, DISCORD_EPOCH } from './snowflake';
export type * from './types';
