import { Model } from '../layout/Model';

export class Tags extends Model {
  tags: string[] = [];

  constructor() {
    super();
    this.connect({
      id: 'tags',
      msgCallback: (data) => {
        if (data.cmd === 'tagsChanged') this.tags = data.data as string[];
      },
    });
  }
}
