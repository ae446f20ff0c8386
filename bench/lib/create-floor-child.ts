// The floor of a session create in a pre-forked process: a bare Node child (forked as our
// session hosts are, isolated-vm loaded) that, on each 'create', builds one isolate and one
// context, runs `1 + 1` in it, and answers 'created'.
import ivm from 'isolated-vm';

process.on('message', (message) => {
  if (message !== 'create') return;
  void (async () => {
    const isolate = new ivm.Isolate({ memoryLimit: 128 });
    const context = await isolate.createContext();
    await context.eval('1 + 1');
    process.send?.('created');
  })();
});
process.send?.('ready');
process.on('disconnect', () => process.exit(0));
