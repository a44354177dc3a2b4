#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace oneseal::core::crypto {

/** Cryptographically strong random bytes (OpenSSL RAND_bytes). */
QByteArray randomBytes(int count);

/** SHA-256 of data. */
QByteArray sha256(const QByteArray& data);

/** Compares two byte strings in time independent of where they differ. */
bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

/** Overwrites a buffer that held a secret. */
void wipe(QByteArray& secret);

/** Parameters of the scrypt key-derivation function (RFC 7914). */
struct ScryptParams
{
    quint64 n = 1u << 17; ///< CPU/memory cost (128 MiB with r = 8), for every new hash, slot and key
    quint32 r = 8;
    quint32 p = 1;
};

/** Most memory one scrypt run may take (128 * r * N bytes): 256 MiB. */
constexpr quint64 kMaxScryptMemory = quint64(256) << 20;

/**
 * The weakest cost a stored hash, key slot or wrapped key may name: N = 2^15 with r = 8 (what this
 * program wrote before 2^17), so that nobody can plant a record that is cheap to guess. Test
 * programs (environment ONESEAL_TEST_WEAK_KDF=1, set by the test suite only) accept 2^10.
 */
int minimumScryptLog2N();

/**
 * Whether scrypt parameters read from a record (hash, key slot, wrapped key) are acceptable: N a
 * power of two from 2^minimumScryptLog2N(), r from 8 to 16, p from 1 to 4, and at most
 * kMaxScryptMemory (a planted record cannot make a login spend minutes or gigabytes).
 */
bool acceptableScryptParams(const ScryptParams& params);

/** Derives a key of keyLength bytes from a password with scrypt; empty on failure. */
QByteArray scrypt(const QString& password, const QByteArray& salt, const ScryptParams& params, int keyLength = 32);

/** AES-256-GCM: returns nonce (12) | ciphertext | tag (16). aad is authenticated, not encrypted. */
QByteArray aeadEncrypt(const QByteArray& key, const QByteArray& plaintext, const QByteArray& aad = {});

/** Reverses aeadEncrypt; nullopt when the key is wrong or the data was changed. */
std::optional<QByteArray> aeadDecrypt(const QByteArray& key, const QByteArray& sealed, const QByteArray& aad = {});

/**
 * Slow salted password hashes for the users table, as text:
 * "scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>".
 */
QString hashPassword(const QString& password, const ScryptParams& params = {});
bool verifyPassword(const QString& password, const QString& encoded);

/** The parts of a hashPassword() text; false when it is not one. */
bool parsePasswordHash(const QString& encoded, QByteArray* salt, ScryptParams* params, QByteArray* hash);

} // namespace oneseal::core::crypto
