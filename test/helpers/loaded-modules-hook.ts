// Loaded with `node --import` by tests that check what a command loads: writes the URL of
// every module the process loaded, one per line, to $QORGAN_LOADED_MODULES_FILE at exit.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded: string[] = [];
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => {
  const file = process.env.QORGAN_LOADED_MODULES_FILE;
  if (file) writeFileSync(file, loaded.join('\n'));
});
