// The floor of an idle session: a bare forked Node child (forked as our session hosts are)
// holding one isolate and one context, and nothing else. It says 'ready' and waits.
import ivm from 'isolated-vm';

const isolate = new ivm.Isolate({ memoryLimit: 128 });
const context = isolate.createContextSync();
context.evalSync('1 + 1');
process.send?.('ready');
process.on('disconnect', () => process.exit(0));
