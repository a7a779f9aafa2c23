"""The python-socketio peer of FanOut.java: every event "m" goes to every other socket.

Usage: python3 socketio_broadcast.py <port>   (binds 127.0.0.1; Debian: apt-get install -y
python3-socketio python3-aiohttp)
"""
import sys

import socketio
from aiohttp import web

sio = socketio.AsyncServer(async_mode="aiohttp", transports=["websocket"])
app = web.Application()
sio.attach(app)


@sio.on("m")
async def broadcast(sid, data):
    await sio.emit("m", data, skip_sid=sid)


if __name__ == "__main__":
    port = int(sys.argv[1])
    web.run_app(
        app,
        host="127.0.0.1",
        port=port,
        print=lambda *_: print(f"python-socketio listening on 127.0.0.1:{port}", flush=True),
    )
