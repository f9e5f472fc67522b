// `npm start`: set up what is missing, build the course site, serve it on
// 127.0.0.1 (port 8000, or --port N / PORT=N) and print the URL.
import { log, main, run, setup } from './setup.mjs';
import { parseArgs, serve } from './serve.mjs';

await main(async () => {
  const options = parseArgs(process.argv.slice(2));
  setup();
  log('building the course site…');
  run('npm', ['run', '--silent', 'build']);
  const server = await serve(options).catch(error => {
    throw new Error(`cannot listen on ${options.host}:${options.port}: ${error.message}`);
  });
  const { port } = server.address();
  log(`the course is served at http://${options.host}:${port}${options.prefix}  (Ctrl+C to stop)`);
});
