import { Model } from '../layout/Model';

interface Protyle {
  id: string;
  ws?: Model;
}

// the model is kept two fields down (`this.protyle.ws`), and connected there
export class Editor {
  private readonly protyle: Protyle;

  constructor(id: string) {
    this.protyle = { id };
    this.protyle.ws = new Model();
    this.protyle.ws.connect({
      id: 'editor',
      type: 'protyle',
      msgCallback: (data) => {
        if (data.cmd === 'transactions') console.debug('apply', data.data);
        else if (data.cmd === 'reload') location.reload();
      },
    });
  }
}
