// The peer of the intake benchmark: a Fastify route that only answers 200, in its own process like Tend.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/plain', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
