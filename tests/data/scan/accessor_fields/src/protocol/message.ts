export interface Header {
  msgid: string;
  msgtype: string;
  reqid?: string;
}

export class Message<T = unknown> {
  private constructor(readonly header: Header, readonly content: T) {}

  static parse<T>(raw: string): Message<T> {
    const { header, content } = JSON.parse(raw);
    return new Message(header, content);
  }

  static create<T>(msgtype: string, content: T): Message<T> {
    return new Message({ msgid: crypto.randomUUID(), msgtype }, content);
  }

  msgtype(): string {
    return this.header.msgtype;
  }

  reqid(): string | undefined {
    return this.header.reqid;
  }

  toString(): string {
    return JSON.stringify({ header: this.header, content: this.content });
  }
}
