import { Model, type IWsMessage } from '../layout/Model';

// a subclass connecting through the method it inherits
export class Files extends Model {
  private readonly tree = new Map<string, unknown>();

  constructor() {
    super();
    this.connect({ id: 'files', type: 'filetree', msgCallback: this.onMessage.bind(this) });
  }

  private onMessage(data: IWsMessage): void {
    switch (data.cmd) {
      case 'mount':
        this.tree.set('root', data.data);
        break;
      case 'removeDoc':
        this.tree.delete(String(data.data));
        break;
      default:
        break;
    }
  }
}
