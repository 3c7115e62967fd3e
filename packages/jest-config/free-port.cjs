// A port nothing listens on now: the system's pick for a listener on port 0, for the servers
// the tests' global set-ups start (PostgreSQL, the built API, the reader, Studio).
const { createServer } = require('node:net');

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

module.exports = { freePort };
