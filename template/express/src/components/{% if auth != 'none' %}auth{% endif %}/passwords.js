// Argon2id, the OWASP first choice for password storage. @node-rs/argon2 ships prebuilt binaries
// as npm packages, so installing needs no compiler. Its defaults (19 MiB memory, 2 passes) are the
// OWASP minimum; the parameters are stored in each hash, so raising them later keeps old hashes valid.
const argon2 = require("@node-rs/argon2");
const { randomBytes } = require("node:crypto");

let dummyHash;

function hashPassword(password) {
  return argon2.hash(password);
}

/**
 * Checks a password against a stored hash. Without a hash (unknown email) it still runs a full
 * verification, so response times do not reveal which emails have an account.
 */
async function verifyPassword(hash, password) {
  if (!hash) {
    dummyHash ??= await argon2.hash(randomBytes(16).toString("hex"));
    await argon2.verify(dummyHash, password);
    return false;
  }
  return argon2.verify(hash, password);
}

module.exports = { hashPassword, verifyPassword };
