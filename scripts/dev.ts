// `npm run dev`: the server with reload on change (node --watch) and the Vite dev server with HMR.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'node_modules/.bin');
const children = [
  spawn(process.execPath, ['--watch', 'src/main.ts'], { cwd: join(root, 'apps/server'), stdio: 'inherit' }),
  // The Vite proxy follows the server's PORT.
  spawn(join(bin, 'vite'), ['--host', '127.0.0.1'], {
    cwd: join(root, 'apps/web'),
    stdio: 'inherit',
    env: { ...process.env, API_PORT: process.env.PORT ?? '3000' },
  }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && code !== 0 && stop());
