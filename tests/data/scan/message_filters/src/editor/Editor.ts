import { Model } from "../layout/Model";

export class Editor extends Model {
  constructor(private readonly rootId: string) {
    super();
    this.connect({
      id: rootId,
      type: "protyle",
      msgCallback(data) {
        if (!data) return; // consumed by processMessage
        switch (data.cmd) {
          case "transactions":
            console.log("apply", data.data);
            break;
          case "heading2doc":
          case "li2doc":
            console.log("moved", data.data);
            break;
        }
      },
    });
  }
}
