// Usage: node server.mjs <hono|fastify|fastify-nocheck> <port>
const [fw, port] = process.argv.slice(2);
const { listen } = await import(`./${fw.split('-')[0]}-app.mjs`);
await listen(Number(port), { checkResponses: fw !== 'fastify-nocheck' });
process.send?.('listening');
