// The socket.io peer of FanOut.java: every event "m" goes to every other socket.
// Usage: node socketio-broadcast.mjs <port>   (binds 127.0.0.1)
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const http = createServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  socket.on('m', (data) => socket.broadcast.emit('m', data));
});
http.listen(port, '127.0.0.1', () => console.log(`socket.io listening on 127.0.0.1:${port}`));
