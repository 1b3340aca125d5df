interface IWebSocketData {
  cmd: string;
  code: number;
  msg: string;
  data: any;
}
