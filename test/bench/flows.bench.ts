// npm run bench -- flows: decode + classify per core (IPFIX, sFlow), then the whole path end to end
// (UDP → decode → classify → JetStream → PostgreSQL) with loss counted, and address-map propagation to 1,000 switches.
import { runDecodeClassify } from './flows/decode-classify.js';
import { runEndToEnd } from './flows/end-to-end.js';

runDecodeClassify();
runEndToEnd().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
