// A Hocuspocus server for the Yjs benchmark, in memory (no extensions), on 127.0.0.1 and the port
// given as the first argument. Prints "listening" once it accepts connections.
import { Server } from '@hocuspocus/server'

const server = new Server({ port: Number(process.argv[2]), address: '127.0.0.1', quiet: true })
await server.listen()
process.stdout.write('listening\n')
