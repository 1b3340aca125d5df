import { notebooks } from './notebook';

notebooks.start();
notebooks.receive('PARAGRAPH_UPDATED').subscribe((data) => console.debug('paragraph', data));
notebooks.receive('NOTE_RENAMED').subscribe((data) => console.debug('renamed', data));
