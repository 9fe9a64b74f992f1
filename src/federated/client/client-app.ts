import { ConfigError } from '../../errors/index.js';
import type { Message, MessageKind, Reply, ReplyContent } from '../protocol/index.js';
import { errorReply, okReply } from '../protocol/index.js';

/** A user function that answers one kind of message. */
export type ClientHandler = (message: Message) => ReplyContent | Promise<ReplyContent>;

/**
 * The client side: a router from message kinds to user handlers (Flower's ClientApp).
 * `handle` never throws for a handler failure: the error becomes a `status: 'error'` reply,
 * which the server reports as a failure, so one broken client cannot stop a round.
 * @example
 * const app = new ClientApp()
 *   .train((msg) => ({ parameters: localFit(msg.parameters, msg.config), numExamples: 120 }))
 *   .evaluate((msg) => ({ numExamples: 40, metrics: { accuracy: 0.9 } }));
 */
export class ClientApp {
  private readonly handlers = new Map<MessageKind, ClientHandler>();

  /** Registers the handler of 'train' messages. */
  train(handler: ClientHandler): this {
    return this.register('train', handler);
  }

  /** Registers the handler of 'evaluate' messages. */
  evaluate(handler: ClientHandler): this {
    return this.register('evaluate', handler);
  }

  /** Kinds with a registered handler, in registration order. */
  registeredKinds(): MessageKind[] {
    return [...this.handlers.keys()];
  }

  /** Routes `message` to its handler and wraps the result (or the error) in a reply. */
  async handle(message: Message): Promise<Reply> {
    const handler = this.handlers.get(message.kind);
    if (handler === undefined) {
      const known = this.registeredKinds();
      return errorReply(
        message,
        `ClientApp: no handler registered for '${String(message.kind)}' messages; registered: ${known.length === 0 ? 'none' : known.map((k) => `'${k}'`).join(', ')}` +
          `\n- help: register one with app.${message.kind === 'evaluate' ? 'evaluate' : 'train'}((message) => ({ numExamples, metrics }))`,
      );
    }
    try {
      return okReply(message, await handler(message));
    } catch (error) {
      return errorReply(message, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }

  private register(kind: MessageKind, handler: ClientHandler): this {
    if (this.handlers.has(kind)) {
      throw new ConfigError(`ClientApp: a '${kind}' handler is already registered`, { hint: 'register one handler per message kind' });
    }
    this.handlers.set(kind, handler);
    return this;
  }
}
