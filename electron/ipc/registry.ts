import type { Channel, ParsedInputOf, ResultOf } from '../../shared/contract';

/** A channel's handler: the parsed input in, the result (or its promise) out. */
export type Handler<C extends Channel> = (
  input: ParsedInputOf<C>,
) => ResultOf<C> | Promise<ResultOf<C>>;
/** Every channel of the contract with its handler. */
export type HandlerRegistry = { [C in Channel]: Handler<C> };
/** Channels about which data file is in use: answered by the session, not by one store. */
export type DataFileChannel = Extract<Channel, `files.${string}`>;
export type StoreHandlers = { [C in Exclude<Channel, DataFileChannel>]: Handler<C> };
/** What dispatch can serve: the whole registry, or one store's part of it (tests). */
export type HandlerMap = { [C in Channel]?: Handler<C> };
